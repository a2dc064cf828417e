package dev.sociscope.core.error;

/** The named manifest, blob, tag, repository, file or path does not exist. */
public final class NotFoundException extends SociscopeException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(ErrorKind.NOT_FOUND, message);
  }

  public NotFoundException(String message, Throwable cause) {
    super(ErrorKind.NOT_FOUND, message, cause);
  }
}
