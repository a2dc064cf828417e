package dev.sociscope.core.profile;

import dev.sociscope.core.ztoc.GzipZinfo;
import dev.sociscope.core.ztoc.Zinfo;

/**
 * An estimate of the span geometry a layer would have at another span size, from the geometry it has: spans start
 * at multiples of the span size (in uncompressed bytes), and their compressed offsets are interpolated linearly
 * between the known checkpoints. Good enough to compare span sizes; exact answers need the layer's bytes.
 */
final class ScaledZinfo implements Zinfo.Estimate {
  private final Zinfo known;
  private final long spanSize;
  private final int spans;

  ScaledZinfo(Zinfo known, long spanSize) {
    this.known = known;
    this.spanSize = spanSize;
    long size = known.uncompressedEnd(known.spanCount() - 1);
    this.spans = (int) Math.max(1, (size - 1) / spanSize + 1);
  }

  /** The zTOC's size at the new span size: checkpoints and span digests scale with the span count. */
  static long ztocBytes(long actualZtocBytes, Zinfo actual, Zinfo scaled) {
    long perSpan = 71 + 4 + (actual instanceof GzipZinfo ? GzipZinfo.RECORD_SIZE : 0); // digest text, offset, record
    return Math.max(0, actualZtocBytes + (long) (scaled.spanCount() - actual.spanCount()) * perSpan);
  }

  @Override
  public long spanSize() {
    return spanSize;
  }

  @Override
  public int spanCount() {
    return spans;
  }

  @Override
  public long uncompressedStart(int span) {
    return (long) span * spanSize;
  }

  @Override
  public long uncompressedEnd(int span) {
    return span == spans - 1 ? known.uncompressedEnd(known.spanCount() - 1) : (long) (span + 1) * spanSize;
  }

  @Override
  public long compressedStart(int span) {
    return compressedAt(uncompressedStart(span));
  }

  @Override
  public long compressedEnd(int span) {
    return span == spans - 1 ? known.compressedEnd(known.spanCount() - 1) : compressedAt(uncompressedEnd(span));
  }

  @Override
  public int spanOf(long offset) {
    return (int) Math.min(spans - 1, Math.max(0, offset / spanSize));
  }

  private long compressedAt(long uncompressed) {
    int i = known.spanOf(uncompressed);
    long u0 = known.uncompressedStart(i);
    long u1 = known.uncompressedEnd(i);
    long c0 = known.compressedStart(i);
    long c1 = known.compressedEnd(i);
    if (u1 <= u0) {
      return c0;
    }
    return c0 + (long) ((double) (uncompressed - u0) / (u1 - u0) * (c1 - c0));
  }
}
