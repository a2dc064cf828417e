package dev.sociscope.core.error;


/** The registry refused the request (401/403) even after authenticating as well as we could. */
public final class UnauthorizedException extends SociscopeException {
  private static final long serialVersionUID = 1L;
  private final String realm;

  public UnauthorizedException(String message, String realm) {
    super(ErrorKind.UNAUTHORIZED, message);
    this.realm = realm;
  }

  /** The realm of the challenge that was not satisfied, or null when the server sent none. */
  public String realm() {
    return realm;
  }
}
