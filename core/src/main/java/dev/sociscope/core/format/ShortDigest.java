package dev.sociscope.core.format;

import dev.sociscope.core.oci.Digest;

/**
 * Digests shortened for tables and titles, the same in the CLI and the GUI: the algorithm, a colon and 12 hex digits
 * ({@code sha256:0123456789ab}). Text that is shorter already, or has no algorithm, is returned as it is (a bare hex
 * string is cut to 12 digits).
 */
public final class ShortDigest {
  /** Hex digits kept. */
  public static final int HEX_DIGITS = 12;

  private ShortDigest() {}

  public static String of(String digest) {
    if (digest == null) {
      return "";
    }
    int colon = digest.indexOf(':');
    return digest.length() > colon + 1 + HEX_DIGITS ? digest.substring(0, colon + 1 + HEX_DIGITS) : digest;
  }

  public static String of(Digest digest) {
    return digest == null ? "" : Digest.ALGORITHM + ":" + digest.hex().substring(0, HEX_DIGITS);
  }
}
