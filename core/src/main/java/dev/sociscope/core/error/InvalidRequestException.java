package dev.sociscope.core.error;

/** A request that cannot be carried out as asked: nothing would be indexed, no index was built yet, a digest that is not an index of the image. */
public class InvalidRequestException extends SociscopeException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(ErrorKind.INVALID_REQUEST, message);
  }

  public InvalidRequestException(String message, Throwable cause) {
    super(ErrorKind.INVALID_REQUEST, message, cause);
  }
}
