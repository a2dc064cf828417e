package dev.sociscope.core.error;

/** Input (JSON, zTOC, gzip, tar, an archive or a layout) is malformed, truncated or inconsistent. The message names the problem and where it is. */
public class CorruptInputException extends SociscopeException {
  private static final long serialVersionUID = 1L;

  public CorruptInputException(String message) {
    super(ErrorKind.CORRUPT_INPUT, message);
  }

  public CorruptInputException(String message, Throwable cause) {
    super(ErrorKind.CORRUPT_INPUT, message, cause);
  }
}
