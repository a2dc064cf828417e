package dev.sociscope.core.registry;

/** The operation was stopped through its {@link Cancellation}. */
public final class CancelledException extends RegistryException {
  private static final long serialVersionUID = 1L;

  public CancelledException(String action) {
    super("Cancelled: " + action);
  }
}
