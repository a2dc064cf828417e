package dev.sociscope.core.registry;

import java.util.List;

/** The registry answered with an error status other than 401/404; carries the parsed error codes, if any. */
public final class RegistryErrorException extends RegistryException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final List<String> codes;

  public RegistryErrorException(String message, int status, List<String> codes) {
    super(message);
    this.status = status;
    this.codes = List.copyOf(codes);
  }

  public int status() {
    return status;
  }

  /** Error codes from the body ({@code MANIFEST_BLOB_UNKNOWN}, ...), empty when the body had none. */
  public List<String> codes() {
    return codes;
  }
}
