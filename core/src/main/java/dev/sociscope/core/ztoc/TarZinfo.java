package dev.sociscope.core.ztoc;

import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Span data of an uncompressed tar layer (spec 5.6): a nested FlatBuffer {@code TarZinfo {version:int32 = 2,
 * span_size:int64, size:int64}}. Spans are fixed slices of the blob.
 */
public record TarZinfo(int version, long spanSize, long size, long uncompressedArchiveSize) implements Zinfo {
  public static final int CURRENT_VERSION = 2;

  public TarZinfo {
    if (spanSize <= 0) {
      throw new IllegalArgumentException("span size must be positive, got " + spanSize);
    }
  }

  public static TarZinfo decode(byte[] bytes, long compressedArchiveSize, long uncompressedArchiveSize)
      throws ZtocFormatException {
    try {
      ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      FlatTable table = FlatTable.root(bb, "TarZinfo");
      int version = table.getInt(0, 0);
      long spanSize = table.getLong(1, 0);
      long size = table.getLong(2, 0);
      if (spanSize <= 0) {
        throw new ZtocFormatException("TarZinfo span size is " + spanSize + " (must be positive)");
      }
      if (size < 0) {
        throw new ZtocFormatException("TarZinfo size is negative: " + size);
      }
      return new TarZinfo(version, spanSize, size, uncompressedArchiveSize);
    } catch (IndexOutOfBoundsException e) {
      throw new ZtocFormatException("TarZinfo buffer of " + bytes.length + " bytes is truncated", e);
    }
  }

  /** Encodes the nested buffer byte-identically to upstream (fields added in schema order: version, span_size, size). */
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

  @Override
  public int spanCount() {
    return (int) Math.max(1, (size + spanSize - 1) / spanSize);
  }

  @Override
  public long compressedStart(int span) {
    return span * spanSize;
  }

  @Override
  public long compressedEnd(int span) {
    return span + 1 < spanCount() ? (span + 1) * spanSize : size;
  }

  @Override
  public long uncompressedStart(int span) {
    return span * spanSize;
  }

  @Override
  public long uncompressedEnd(int span) {
    return span + 1 < spanCount() ? (span + 1) * spanSize : uncompressedArchiveSize;
  }

  @Override
  public int spanOf(long offset) {
    return (int) Math.min(offset / spanSize, spanCount() - 1L);
  }
}
