package dev.sociscope.core.error;

/** Content did not hash to the digest it was requested by or announced with; the content is refused. */
public final class DigestMismatchException extends SociscopeException {
  private static final long serialVersionUID = 1L;

  public DigestMismatchException(String what, Object expected, Object actual) {
    super(ErrorKind.DIGEST_MISMATCH, what + ": expected digest " + expected + " but the content hashes to " + actual);
  }

  public DigestMismatchException(String message) {
    super(ErrorKind.DIGEST_MISMATCH, message);
  }
}
