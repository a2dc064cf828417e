package dev.sociscope.core.ztoc;

import java.util.Arrays;

/**
 * A resumable inflate state at a deflate block boundary (spec 5.1).
 *
 * @param compressedOffset first byte of the layer blob not yet fully consumed ("in")
 * @param uncompressedOffset position in the decompressed tar ("out")
 * @param bits unused high-order bits (0..7) of the byte at {@code compressedOffset - 1}
 * @param window the 32768 uncompressed bytes before {@code uncompressedOffset}, zero-padded on the left
 */
public record Checkpoint(long compressedOffset, long uncompressedOffset, int bits, byte[] window) {
  public static final int WINDOW_SIZE = 32768;

  public Checkpoint {
    if (bits < 0 || bits > 7) {
      throw new IllegalArgumentException("bits must be 0..7, got " + bits);
    }
    if (window.length != WINDOW_SIZE) {
      throw new IllegalArgumentException("window must be " + WINDOW_SIZE + " bytes, got " + window.length);
    }
  }

  /** Where the compressed bytes of the span starting here begin: one byte earlier when bits are pending. */
  public long compressedStart() {
    return bits == 0 ? compressedOffset : compressedOffset - 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c
        && c.compressedOffset == compressedOffset
        && c.uncompressedOffset == uncompressedOffset
        && c.bits == bits
        && Arrays.equals(c.window, window);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(compressedOffset) * 31 + Long.hashCode(uncompressedOffset);
  }

  @Override
  public String toString() {
    return "Checkpoint[in=" + compressedOffset + ", out=" + uncompressedOffset + ", bits=" + bits + "]";
  }
}
