package dev.sociscope.core.error;


/** The operation was stopped through its {@link dev.sociscope.core.io.Cancellation}. */
public final class CancelledException extends SociscopeException {
  private static final long serialVersionUID = 1L;

  public CancelledException(String action) {
    super(ErrorKind.CANCELLED, "Cancelled: " + action);
  }
}
