package dev.sociscope.core.ztoc;

import com.google.flatbuffers.FlatBufferBuilder;

/**
 * Span data of an uncompressed tar layer (spec 5.6): a nested FlatBuffer {@code zinfo.TarZinfo {version:int32,
 * span_size:int64, size:int64}} (schema {@code zinfo.fbs}). Spans are fixed slices of the blob: span {@code i} is
 * {@code [i * spanSize, (i+1) * spanSize)}, the last one ending at the blob size (compressed side) and at
 * {@code uncompressed_archive_size} (uncompressed side).
 *
 * @param version 2 when written today; upstream does not check it on read
 * @param size the tar blob size in bytes
 */
public record TarZinfo(int version, long spanSize, long size, long uncompressedArchiveSize) implements Zinfo {
  public static final int CURRENT_VERSION = 2;

  public TarZinfo {
    if (spanSize <= 0) {
      throw new IllegalArgumentException("span size must be positive, got " + spanSize);
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, got " + size);
    }
  }

  /** A current-version TarZinfo for a tar blob of {@code size} bytes. */
  public static TarZinfo of(long spanSize, long size, long uncompressedArchiveSize) {
    return new TarZinfo(CURRENT_VERSION, spanSize, size, uncompressedArchiveSize);
  }

  /**
   * Decodes the nested buffer. Upstream reads the three fields without further checks; a span size that is not
   * positive or a negative size would break every span computation, so they are rejected here.
   */
  public static TarZinfo decode(byte[] bytes, long compressedArchiveSize, long uncompressedArchiveSize)
      throws ZtocFormatException {
    FlatTable table = FlatTable.root(bytes, "TarZinfo", 1024);
    int version = table.getInt(0, "version", 0);
    long spanSize = table.getLong(1, "span_size", 0);
    long size = table.getLong(2, "size", 0);
    if (spanSize <= 0) {
      throw new ZtocFormatException("TarZinfo span_size is " + spanSize + " (must be positive)");
    }
    if (size < 0) {
      throw new ZtocFormatException("TarZinfo size is negative: " + size);
    }
    return new TarZinfo(version, spanSize, size, uncompressedArchiveSize);
  }

  /**
   * Encodes the nested buffer byte for byte as upstream: fields added in schema order (version, span_size, size),
   * zero values left out, no file identifier.
   */
  public byte[] encode() {
    FlatBufferBuilder b = new FlatBufferBuilder(64);
    b.startTable(3);
    b.addInt(0, version, 0);
    b.addLong(1, spanSize, 0);
    b.addLong(2, size, 0);
    int root = b.endTable();
    b.finish(root);
    return b.sizedByteArray();
  }

  /** {@code ceil(size / spanSize)}, as upstream's {@code MaxSpanID() + 1}; 0 for an empty blob. */
  @Override
  public int spanCount() {
    return (int) Math.min(Integer.MAX_VALUE, size / spanSize + (size % spanSize == 0 ? 0 : 1));
  }

  @Override
  public long compressedStart(int span) {
    return span * spanSize;
  }

  @Override
  public long compressedEnd(int span) {
    return span == maxSpanId() ? size : (span + 1) * spanSize;
  }

  @Override
  public long uncompressedStart(int span) {
    return span * spanSize;
  }

  @Override
  public long uncompressedEnd(int span) {
    return span == maxSpanId() ? uncompressedArchiveSize : (span + 1) * spanSize;
  }

  /**
   * {@code offset / spanSize}, exactly as upstream (no clamping): an offset at or past the end of the blob gives a
   * span id past {@link #maxSpanId()}.
   */
  @Override
  public int spanOf(long offset) {
    return (int) (offset / spanSize);
  }
}
