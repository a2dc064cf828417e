package dev.sociscope.core.error;

/** A host could not be reached: connection refused, unknown host, time-out. */
public final class UnreachableException extends SociscopeException {
  private static final long serialVersionUID = 1L;

  public UnreachableException(String message) {
    super(ErrorKind.UNREACHABLE, message);
  }

  public UnreachableException(String message, Throwable cause) {
    super(ErrorKind.UNREACHABLE, message, cause);
  }
}
