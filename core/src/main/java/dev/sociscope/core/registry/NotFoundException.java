package dev.sociscope.core.registry;

/** The named manifest, blob, tag or repository does not exist (404). */
public final class NotFoundException extends RegistryException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
