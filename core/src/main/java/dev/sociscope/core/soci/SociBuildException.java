package dev.sociscope.core.soci;

import dev.sociscope.core.error.ErrorKind;
import dev.sociscope.core.error.SociscopeException;

/** Building a SOCI index failed as a whole (e.g. a descriptor that is not a layer, or an unsupported tar entry). */
public class SociBuildException extends SociscopeException {
  private static final long serialVersionUID = 1L;

  public SociBuildException(String message) {
    super(ErrorKind.UNSUPPORTED, message);
  }

  public SociBuildException(String message, Throwable cause) {
    super(ErrorKind.UNSUPPORTED, message, cause);
  }

  protected SociBuildException(ErrorKind kind, String message) {
    super(kind, message);
  }
}
