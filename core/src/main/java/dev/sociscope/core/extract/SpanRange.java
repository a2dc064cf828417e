package dev.sociscope.core.extract;

import dev.sociscope.core.ztoc.GzipZinfo;
import dev.sociscope.core.ztoc.Zinfo;

/**
 * The spans a lazy read of one file fetches, and what they cost: the one place that says so, used by the extractor
 * and by start-up profiles, so a profile's byte counts are what a read then fetches.
 *
 * @param first the span holding the file's first byte
 * @param last the span holding its last byte (inclusive)
 */
public record SpanRange(int first, int last) {
  public SpanRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("bad span range " + first + ".." + last);
    }
  }

  /** The spans of {@code size > 0} bytes at uncompressed offset {@code offset}. */
  public static SpanRange of(Zinfo zinfo, long offset, long size) {
    if (size <= 0) {
      throw new IllegalArgumentException("an empty file needs no span");
    }
    return new SpanRange(zinfo.spanOf(offset), zinfo.spanOf(offset + size - 1));
  }

  /**
   * Compressed bytes fetched for these spans by the upstream runtime (and {@link SpanFetch#WHOLE}): each span whole, from its checkpoint's byte to the next one's. */
  public long fetchedBytes(Zinfo zinfo) {
    long total = 0;
    for (int i = first; i <= last; i++) {
      total += zinfo.compressedEnd(i) - zinfo.compressedStart(i);
    }
    return total;
  }

  /**
   * Smallest window a partial read of the last span asks for, and the margin added to the first estimate: deflate
   * blocks open with Huffman tables, and a request costs a round trip, so a guess a little long is cheaper than a
   * second request.
   */
  public static final long MIN_WINDOW = 8 << 10;

  /**
   * The end of the window after one that ended at {@code prevEnd}: a quarter of what the span has given so far
   * (at least {@link #MIN_WINDOW}), so misses stay few without reading far past the file.
   */
  public long nextWindowEnd(Zinfo zinfo, long prevStart, long prevEnd) {
    long grow = Math.max(MIN_WINDOW, (prevEnd - zinfo.compressedStart(last)) / 4);
    return Math.min(zinfo.compressedEnd(last), prevEnd + grow);
  }

  /** Bytes read once per layer before the first gzip read: the gzip header, checked against checkpoint 0. */
  public static long headerBytes(Zinfo zinfo) {
    return zinfo instanceof GzipZinfo g ? g.checkpoints().get(0).compressedOffset() : 0;
  }
}
