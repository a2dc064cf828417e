package dev.sociscope.core.format;

/** Digests shortened for tables and titles, the same in the CLI and the GUI: {@code sha256:} and 12 hex digits. */
public final class ShortDigest {
  private ShortDigest() {}

  public static String of(String digest) {
    int colon = digest.indexOf(':');
    return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
  }
}
