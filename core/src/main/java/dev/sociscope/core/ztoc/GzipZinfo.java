package dev.sociscope.core.ztoc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The gzip checkpoint blob (spec 5.1): little-endian {@code int32 n}, {@code int64 span_size}, then n records of
 * {@code int64 in, int64 out, uint8 bits, byte[32768] window}. The legacy v1 layout omits checkpoint 0.
 */
public record GzipZinfo(long spanSize, List<Checkpoint> checkpoints, long compressedArchiveSize,
    long uncompressedArchiveSize) implements Zinfo {

  public static final int HEADER_SIZE = 12;
  public static final int RECORD_SIZE = 8 + 8 + 1 + Checkpoint.WINDOW_SIZE;

  public GzipZinfo {
    checkpoints = checkpoints instanceof CheckpointList read ? read : List.copyOf(checkpoints); // already fixed
    if (checkpoints.isEmpty()) {
      throw new IllegalArgumentException("a gzip zinfo needs at least one checkpoint");
    }
  }

  public static GzipZinfo decode(byte[] blob, long compressedArchiveSize, long uncompressedArchiveSize)
      throws ZtocFormatException {
    return decode(blob.clone(), 0, blob.length, compressedArchiveSize, uncompressedArchiveSize);
  }

  /**
   * Decodes the {@code length} bytes at {@code offset} of {@code bytes} in place: they must not change afterwards,
   * as each window is read from them when its checkpoint is first taken ({@link CheckpointList}).
   */
  static GzipZinfo decode(byte[] bytes, int offset, int length, long compressedArchiveSize,
      long uncompressedArchiveSize) throws ZtocFormatException {
    if (length < HEADER_SIZE) {
      throw new ZtocFormatException("gzip checkpoint blob is " + length + " bytes, shorter than its "
          + HEADER_SIZE + "-byte header");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes, offset, length).order(ByteOrder.LITTLE_ENDIAN);
    int n = buf.getInt(offset);
    long spanSize = buf.getLong(offset + 4);
    if (n <= 0) {
      throw new ZtocFormatException("gzip checkpoint blob declares " + n + " checkpoints (must be at least 1)");
    }
    long body = length - (long) HEADER_SIZE;
    boolean legacy;
    if (body == (long) n * RECORD_SIZE) {
      legacy = false;
    } else if (body == (long) (n - 1) * RECORD_SIZE) {
      legacy = true;
    } else {
      throw new ZtocFormatException("gzip checkpoint blob is " + length + " bytes, which fits neither "
          + n + " checkpoints (" + (HEADER_SIZE + (long) n * RECORD_SIZE) + " bytes) nor the legacy layout ("
          + (HEADER_SIZE + (long) (n - 1) * RECORD_SIZE) + " bytes)");
    }
    CheckpointList cps = CheckpointList.read(bytes, offset + HEADER_SIZE, legacy ? n - 1 : n, legacy);
    validate(cps, compressedArchiveSize);
    return new GzipZinfo(spanSize, cps, compressedArchiveSize, uncompressedArchiveSize);
  }

  /**
   * Checks the span geometry as the upstream runtime relies on it (spec 4.5): offsets are not negative, every span
   * but the last starts before it ends (compressed and uncompressed), and no span starts past the end of the
   * layer blob. The last span's uncompressed start may lie past {@code uncompressed_archive_size}: upstream builds
   * such zTOCs when the gzip stream ends with an empty member (see the multimember-3-with-empty vector).
   */
  private static void validate(CheckpointList cps, long compressedArchiveSize) throws ZtocFormatException {
    for (int i = 0; i < cps.size(); i++) {
      if (cps.compressedStart(i) < 0 || cps.uncompressedOffset(i) < 0) {
        throw new ZtocFormatException("checkpoint " + i + " has a negative offset: " + describe(cps, i));
      }
      if (cps.compressedStart(i) > compressedArchiveSize) {
        throw new ZtocFormatException("checkpoint " + i + " starts at compressed offset " + cps.compressedStart(i)
            + ", past the end of the " + compressedArchiveSize + "-byte layer");
      }
      if (i > 0 && (cps.compressedStart(i - 1) >= cps.compressedOffset(i)
          || cps.uncompressedOffset(i - 1) >= cps.uncompressedOffset(i))) {
        throw new ZtocFormatException("checkpoints are not increasing: span " + (i - 1) + " would run from "
            + cps.compressedStart(i - 1) + " to " + cps.compressedOffset(i) + " (compressed) and from "
            + cps.uncompressedOffset(i - 1) + " to " + cps.uncompressedOffset(i) + " (uncompressed); checkpoint "
            + (i - 1) + " " + describe(cps, i - 1) + ", checkpoint " + i + " " + describe(cps, i));
      }
    }
  }

  /** What {@link Checkpoint#toString()} says, without taking the checkpoint's window. */
  private static String describe(CheckpointList cps, int i) {
    return "Checkpoint[in=" + cps.compressedOffset(i) + ", out=" + cps.uncompressedOffset(i) + ", bits="
        + cps.bits(i) + "]";
  }

  /** Encodes the current (v2) layout, checkpoint 0 included. */
  public byte[] encode() {
    ByteBuffer buf = ByteBuffer.allocate(HEADER_SIZE + checkpoints.size() * RECORD_SIZE)
        .order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(checkpoints.size());
    buf.putLong(spanSize);
    for (Checkpoint c : checkpoints) {
      buf.putLong(c.compressedOffset());
      buf.putLong(c.uncompressedOffset());
      buf.put((byte) c.bits());
      buf.put(c.window());
    }
    return buf.array();
  }

  @Override
  public int spanCount() {
    return checkpoints.size();
  }

  @Override
  public long compressedStart(int span) {
    return checkpoints instanceof CheckpointList read ? read.compressedStart(span)
        : checkpoints.get(span).compressedStart();
  }

  @Override
  public long compressedEnd(int span) {
    return span + 1 < checkpoints.size() ? in(span + 1) : compressedArchiveSize;
  }

  @Override
  public long uncompressedStart(int span) {
    return out(span);
  }

  @Override
  public long uncompressedEnd(int span) {
    return span + 1 < checkpoints.size() ? out(span + 1) : uncompressedArchiveSize;
  }

  @Override
  public int spanOf(long offset) {
    int lo = 0;
    int hi = checkpoints.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (out(mid) <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Checkpoint {@code i}'s compressed offset, without taking its window when it was read in place. */
  private long in(int i) {
    return checkpoints instanceof CheckpointList read ? read.compressedOffset(i)
        : checkpoints.get(i).compressedOffset();
  }

  /** Checkpoint {@code i}'s uncompressed offset, without taking its window when it was read in place. */
  private long out(int i) {
    return checkpoints instanceof CheckpointList read ? read.uncompressedOffset(i)
        : checkpoints.get(i).uncompressedOffset();
  }
}
