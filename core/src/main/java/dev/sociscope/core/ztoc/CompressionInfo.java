package dev.sociscope.core.ztoc;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The zInfo part of a zTOC as stored: algorithm, span count, span digests and the opaque checkpoint bytes
 * (a gzip checkpoint blob or a nested TarZinfo buffer). {@link Zinfo#parse} decodes the latter.
 *
 * <p>Immutable: the checkpoint bytes are copied in by the public constructor and out by {@link #checkpoints()}.
 * They are most of a zTOC (32 KiB per span), so the reader keeps them where they lie in the zTOC's own buffer
 * ({@link #inPlace}) and decoding reads them there: each copy of an 11 MB blob was 11 MB of fresh memory before a
 * read's first byte.
 */
public final class CompressionInfo {
  private final CompressionAlgorithm algorithm;
  private final int maxSpanId;
  private final List<String> spanDigests;
  /** The checkpoint bytes are {@code length} bytes at {@code offset} of this array, which is never modified. */
  private final byte[] buffer;
  private final int offset;
  private final int length;

  public CompressionInfo(CompressionAlgorithm algorithm, int maxSpanId, List<String> spanDigests,
      byte[] checkpoints) {
    this(algorithm, maxSpanId, spanDigests, checkpoints.clone(), 0, checkpoints.length);
  }

  private CompressionInfo(CompressionAlgorithm algorithm, int maxSpanId, List<String> spanDigests, byte[] buffer,
      int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.maxSpanId = maxSpanId;
    this.spanDigests = List.copyOf(spanDigests);
    this.buffer = buffer;
    this.offset = offset;
    this.length = length;
  }

  /**
   * The checkpoint bytes as {@code length} bytes at {@code offset} of {@code buffer}, not copied: only for a buffer
   * that nobody modifies afterwards (the zTOC being read).
   */
  static CompressionInfo inPlace(CompressionAlgorithm algorithm, int maxSpanId, List<String> spanDigests,
      byte[] buffer, int offset, int length) {
    return new CompressionInfo(algorithm, maxSpanId, spanDigests, buffer, offset, length);
  }

  public CompressionAlgorithm algorithm() {
    return algorithm;
  }

  public int maxSpanId() {
    return maxSpanId;
  }

  public List<String> spanDigests() {
    return spanDigests;
  }

  /** A copy of the checkpoint bytes. */
  public byte[] checkpoints() {
    return Arrays.copyOfRange(buffer, offset, offset + length);
  }

  /** The number of checkpoint bytes. */
  public int checkpointsLength() {
    return length;
  }

  /** Puts the checkpoint bytes into {@code out} (no copy made on the way). */
  public void putCheckpoints(ByteBuffer out) {
    out.put(buffer, offset, length);
  }

  /** Decodes the checkpoint bytes where they lie. */
  Zinfo decode(long compressedArchiveSize, long uncompressedArchiveSize) throws ZtocFormatException {
    return Zinfo.decode(algorithm, buffer, offset, length, compressedArchiveSize, uncompressedArchiveSize);
  }

  /** Adds the checkpoint bytes to {@code b} as a {@code [ubyte]} vector; gives its offset. */
  int addCheckpoints(com.google.flatbuffers.FlatBufferBuilder b) {
    return b.createByteVector(buffer, offset, length);
  }

  public int spanCount() {
    return maxSpanId + 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CompressionInfo c
        && c.algorithm == algorithm
        && c.maxSpanId == maxSpanId
        && c.spanDigests.equals(spanDigests)
        && Arrays.equals(c.buffer, c.offset, c.offset + c.length, buffer, offset, offset + length);
  }

  @Override
  public int hashCode() {
    return algorithm.hashCode() * 31 + maxSpanId;
  }

  @Override
  public String toString() {
    return "CompressionInfo[" + algorithm.displayName() + ", spans=" + spanCount() + ", checkpointBytes=" + length
        + "]";
  }
}
