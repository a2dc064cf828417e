package dev.sociscope.core.ztoc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
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
    checkpoints = List.copyOf(checkpoints);
    if (checkpoints.isEmpty()) {
      throw new IllegalArgumentException("a gzip zinfo needs at least one checkpoint");
    }
  }

  public static GzipZinfo decode(byte[] blob, long compressedArchiveSize, long uncompressedArchiveSize)
      throws ZtocFormatException {
    if (blob.length < HEADER_SIZE) {
      throw new ZtocFormatException("gzip checkpoint blob is " + blob.length + " bytes, shorter than its "
          + HEADER_SIZE + "-byte header");
    }
    ByteBuffer buf = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
    int n = buf.getInt(0);
    long spanSize = buf.getLong(4);
    if (n <= 0) {
      throw new ZtocFormatException("gzip checkpoint blob declares " + n + " checkpoints (must be at least 1)");
    }
    long body = blob.length - (long) HEADER_SIZE;
    boolean legacy;
    if (body == (long) n * RECORD_SIZE) {
      legacy = false;
    } else if (body == (long) (n - 1) * RECORD_SIZE) {
      legacy = true;
    } else {
      throw new ZtocFormatException("gzip checkpoint blob is " + blob.length + " bytes, which fits neither "
          + n + " checkpoints (" + (HEADER_SIZE + (long) n * RECORD_SIZE) + " bytes) nor the legacy layout ("
          + (HEADER_SIZE + (long) (n - 1) * RECORD_SIZE) + " bytes)");
    }
    List<Checkpoint> cps = new ArrayList<>(n);
    if (legacy) {
      cps.add(new Checkpoint(10, 0, 0, new byte[Checkpoint.WINDOW_SIZE]));
    }
    int pos = HEADER_SIZE;
    while (pos < blob.length) {
      long in = buf.getLong(pos);
      long out = buf.getLong(pos + 8);
      int bits = blob[pos + 16] & 0xFF;
      if (bits > 7) {
        throw new ZtocFormatException("checkpoint " + cps.size() + " at blob offset " + pos + " has bits=" + bits
            + " (must be 0..7)");
      }
      byte[] window = new byte[Checkpoint.WINDOW_SIZE];
      System.arraycopy(blob, pos + 17, window, 0, window.length);
      cps.add(new Checkpoint(in, out, bits, window));
      pos += RECORD_SIZE;
    }
    validate(cps, compressedArchiveSize);
    return new GzipZinfo(spanSize, cps, compressedArchiveSize, uncompressedArchiveSize);
  }

  /**
   * Checks the span geometry as the upstream runtime relies on it (spec 4.5): offsets are not negative, every span
   * but the last starts before it ends (compressed and uncompressed), and no span starts past the end of the
   * layer blob. The last span's uncompressed start may lie past {@code uncompressed_archive_size}: upstream builds
   * such zTOCs when the gzip stream ends with an empty member (see the multimember-3-with-empty vector).
   */
  private static void validate(List<Checkpoint> cps, long compressedArchiveSize) throws ZtocFormatException {
    for (int i = 0; i < cps.size(); i++) {
      Checkpoint c = cps.get(i);
      if (c.compressedStart() < 0 || c.uncompressedOffset() < 0) {
        throw new ZtocFormatException("checkpoint " + i + " has a negative offset: " + c);
      }
      if (c.compressedStart() > compressedArchiveSize) {
        throw new ZtocFormatException("checkpoint " + i + " starts at compressed offset " + c.compressedStart()
            + ", past the end of the " + compressedArchiveSize + "-byte layer");
      }
      if (i > 0) {
        Checkpoint p = cps.get(i - 1);
        if (p.compressedStart() >= c.compressedOffset() || p.uncompressedOffset() >= c.uncompressedOffset()) {
          throw new ZtocFormatException("checkpoints are not increasing: span " + (i - 1) + " would run from "
              + p.compressedStart() + " to " + c.compressedOffset() + " (compressed) and from "
              + p.uncompressedOffset() + " to " + c.uncompressedOffset() + " (uncompressed); checkpoint " + (i - 1)
              + " " + p + ", checkpoint " + i + " " + c);
        }
      }
    }
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
    return checkpoints.get(span).compressedStart();
  }

  @Override
  public long compressedEnd(int span) {
    return span + 1 < checkpoints.size() ? checkpoints.get(span + 1).compressedOffset() : compressedArchiveSize;
  }

  @Override
  public long uncompressedStart(int span) {
    return checkpoints.get(span).uncompressedOffset();
  }

  @Override
  public long uncompressedEnd(int span) {
    return span + 1 < checkpoints.size() ? checkpoints.get(span + 1).uncompressedOffset() : uncompressedArchiveSize;
  }

  @Override
  public int spanOf(long offset) {
    int lo = 0;
    int hi = checkpoints.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (checkpoints.get(mid).uncompressedOffset() <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
