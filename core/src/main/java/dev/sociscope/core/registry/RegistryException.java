package dev.sociscope.core.registry;

import dev.sociscope.core.error.ErrorKind;
import dev.sociscope.core.error.SociscopeException;

/**
 * A registry request failed: the server answered with something unusable or the exchange broke off. Messages say what was tried, on what,
 * and why it failed; they never contain credentials or tokens.
 */
public class RegistryException extends SociscopeException {
  private static final long serialVersionUID = 1L;

  public RegistryException(String message) {
    super(ErrorKind.IO, message);
  }

  public RegistryException(String message, Throwable cause) {
    super(ErrorKind.IO, message, cause);
  }

  /** A failure of another kind, e.g. {@link ErrorKind#UNREACHABLE} for a refused connection or a time-out. */
  public RegistryException(ErrorKind kind, String message, Throwable cause) {
    super(kind, message, cause);
  }
}
