package dev.sociscope.core.ztoc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** One PAX record of a tar entry. Values are arbitrary bytes (binary capabilities, NULs), so they stay bytes. */
public final class PaxRecord {
  public static final String XATTR_PREFIX = "SCHILY.xattr.";

  private final String key;
  private final byte[] value;

  public PaxRecord(String key, byte[] value) {
    this.key = Objects.requireNonNull(key, "key");
    this.value = value.clone();
  }

  public static PaxRecord of(String key, String value) {
    return new PaxRecord(key, value.getBytes(StandardCharsets.UTF_8));
  }

  public String key() {
    return key;
  }

  public byte[] value() {
    return value.clone();
  }

  /** The value as UTF-8 text (lossy when the bytes are not UTF-8). */
  public String valueText() {
    return new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PaxRecord other && key.equals(other.key) && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * key.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return key + "=" + valueText();
  }
}
