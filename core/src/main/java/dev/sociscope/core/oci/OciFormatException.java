package dev.sociscope.core.oci;

import dev.sociscope.core.error.CorruptInputException;

/**
 * An OCI/Docker JSON document (manifest, index, descriptor, config) is malformed. The message names the problem and
 * where it is, e.g. {@code "manifest: layers[2].size: expected an integer, got \"12\""}.
 */
public class OciFormatException extends CorruptInputException {
  public OciFormatException(String message) {
    super(message);
  }

  public OciFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
