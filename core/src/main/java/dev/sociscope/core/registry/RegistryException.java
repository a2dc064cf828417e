package dev.sociscope.core.registry;

import java.io.IOException;

/**
 * A registry or image-store operation failed in a way the user can act on. Messages say what was tried, on what,
 * and why it failed; they never contain credentials or tokens.
 */
public class RegistryException extends IOException {
  private static final long serialVersionUID = 1L;

  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
