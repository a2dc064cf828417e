package dev.sociscope.app.model;

/**
 * Geometry of one span: its compressed and uncompressed byte ranges (ends exclusive) and the pending bits of its
 * checkpoint (gzip only; 0 otherwise).
 */
public record SpanInfo(int index, long compressedStart, long compressedEnd, long uncompressedStart,
    long uncompressedEnd, int bits) {

  public long compressedSize() {
    return Math.max(0, compressedEnd - compressedStart);
  }

  public long uncompressedSize() {
    return Math.max(0, uncompressedEnd - uncompressedStart);
  }
}
