package dev.sociscope.core.registry;

import dev.sociscope.core.oci.Digest;

/** Content did not hash to the digest it was requested by or announced with; the content is refused. */
public final class DigestMismatchException extends RegistryException {
  private static final long serialVersionUID = 1L;

  public DigestMismatchException(String what, Digest expected, Digest actual) {
    super(what + ": expected digest " + expected + " but the content hashes to " + actual);
  }

  public DigestMismatchException(String message) {
    super(message);
  }
}
