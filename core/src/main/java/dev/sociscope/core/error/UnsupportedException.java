package dev.sociscope.core.error;

/** Valid input or a request that this tool or SOCI does not handle (a media type, a format version, writing to an archive). */
public class UnsupportedException extends SociscopeException {
  private static final long serialVersionUID = 1L;

  public UnsupportedException(String message) {
    super(ErrorKind.UNSUPPORTED, message);
  }

  public UnsupportedException(String message, Throwable cause) {
    super(ErrorKind.UNSUPPORTED, message, cause);
  }
}
