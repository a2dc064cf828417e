package dev.sociscope.core.image;

/**
 * {@code length} bytes from {@code offset} of a blob.
 *
 * @param offset first byte
 * @param length number of bytes (positive)
 */
public record ByteRange(long offset, long length) {
  public ByteRange {
    if (offset < 0 || length <= 0 || offset > Long.MAX_VALUE - length) {
      throw new IllegalArgumentException("invalid byte range: offset " + offset + ", length " + length);
    }
  }

  /** One past the last byte. */
  public long end() {
    return offset + length;
  }

  /** The HTTP form {@code first-last} (inclusive). */
  public String httpForm() {
    return offset + "-" + (end() - 1);
  }

  public boolean contains(long from, long to) {
    return from >= offset && to <= end();
  }
}
