package dev.sociscope.core.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest in wire form {@code sha256:<64 lowercase hex>}. Only SHA-256 is supported. */
public record Digest(String hex) implements Comparable<Digest> {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  public static final String ALGORITHM = "sha256";

  public Digest {
    if (hex == null || !HEX64.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a sha256 hex digest: '" + hex + "'");
    }
  }

  /** Parses {@code sha256:<64 hex>}; throws {@link IllegalArgumentException} naming the bad text. */
  public static Digest parse(String text) {
    if (text == null || !text.startsWith(ALGORITHM + ":")) {
      throw new IllegalArgumentException("not a digest (expected sha256:<64 hex>): '" + text + "'");
    }
    return new Digest(text.substring(ALGORITHM.length() + 1));
  }

  /** The SHA-256 of exactly these bytes. */
  public static Digest of(byte[] bytes) {
    return fromHash(sha256().digest(bytes));
  }

  public static Digest of(byte[] bytes, int offset, int length) {
    MessageDigest md = sha256();
    md.update(bytes, offset, length);
    return fromHash(md.digest());
  }

  public static Digest fromHash(byte[] hash) {
    return new Digest(HexFormat.of().formatHex(hash));
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The form used in fallback tags: {@code sha256-<hex>}. */
  public String toTagForm() {
    return ALGORITHM + "-" + hex;
  }

  /** A short form for display: the first 12 hex characters. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public int compareTo(Digest o) {
    return hex.compareTo(o.hex);
  }

  @Override
  public String toString() {
    return ALGORITHM + ":" + hex;
  }
}
