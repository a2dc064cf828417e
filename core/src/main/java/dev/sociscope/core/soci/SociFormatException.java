package dev.sociscope.core.soci;

import dev.sociscope.core.oci.OciFormatException;

/** A SOCI index manifest or prefetch blob is malformed; the message names the problem and where. */
public class SociFormatException extends OciFormatException {
  public SociFormatException(String message) {
    super(message);
  }

  public SociFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
