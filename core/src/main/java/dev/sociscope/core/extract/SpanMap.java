package dev.sociscope.core.extract;

import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.TarZinfo;
import dev.sociscope.core.ztoc.Zinfo;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where an uncompressed offset of one span should lie in its compressed bytes. A zTOC records only the span's two
 * ends, and a span compresses unevenly: files that are compressed already ({@code .gz}, {@code .png}, ...) take about
 * as many bytes compressed as they hold, the rest shares what is left. With the layer's entries at hand (tar order)
 * the map counts those files one to one and spreads the remainder evenly; without them, it spreads everything.
 */
final class SpanMap {
  private static final Set<String> COMPRESSED = Set.of("gz", "tgz", "xz", "txz", "bz2", "tbz2", "zst", "lz4", "lzma",
      "zip", "jar", "war", "whl", "png", "jpg", "jpeg", "gif", "webp", "woff", "woff2", "mp3", "mp4", "ogg", "7z",
      "deb", "rpm", "apk");

  private final long cs;
  private final long us;
  private final long ue;
  /** An uncompressed layer: offsets map one to one, no estimate. */
  private final boolean exact;
  private final double ratio;
  /** Uncompressed ranges (start, end) of already-compressed files inside the span, in order. */
  private final long[] stored;

  private SpanMap(long cs, long us, long ue, boolean exact, double ratio, long[] stored) {
    this.cs = cs;
    this.us = us;
    this.ue = ue;
    this.exact = exact;
    this.ratio = ratio;
    this.stored = stored;
  }

  /**
   * @param entries entries of the layer in tar order (all of them, or at least those whose names say they are
   *     compressed already), or null when only the span's ends are known
   */
  static SpanMap of(Zinfo zinfo, int span, List<FileMetadata> entries) {
    long cs = zinfo.compressedStart(span);
    long us = zinfo.uncompressedStart(span);
    long ue = zinfo.uncompressedEnd(span);
    long c = zinfo.compressedEnd(span) - cs;
    long u = ue - us;
    double even = u > 0 ? (double) c / u : 0;
    boolean exact = zinfo instanceof TarZinfo;
    if (entries == null || u <= 0 || exact) {
      return new SpanMap(cs, us, ue, exact, even, new long[0]);
    }
    long[] ranges = new long[16];
    int n = 0;
    long storedBytes = 0;
    for (int i = firstEndingAfter(entries, us); i < entries.size(); i++) {
      FileMetadata f = entries.get(i);
      if (f.uncompressedOffset() >= ue) {
        break;
      }
      if (f.uncompressedSize() > 0 && compressedAlready(f.name())) {
        long a = Math.max(us, f.uncompressedOffset());
        long b = Math.min(ue, f.dataEnd());
        if (b > a) {
          if (n + 2 > ranges.length) {
            ranges = java.util.Arrays.copyOf(ranges, ranges.length * 2);
          }
          ranges[n++] = a;
          ranges[n++] = b;
          storedBytes += b - a;
        }
      }
    }
    double rest = u > storedBytes ? (double) (c - storedBytes) / (u - storedBytes) : -1;
    if (rest <= 0.01 || rest > 1.1) {
      return new SpanMap(cs, us, ue, exact, even, new long[0]); // the split does not fit this span: spread evenly
    }
    return new SpanMap(cs, us, ue, exact, rest, java.util.Arrays.copyOf(ranges, n));
  }

  /** The compressed offset where uncompressed offset {@code at} of the span should lie. */
  long compressedAt(long at) {
    long storedBefore = 0;
    for (int i = 0; i < stored.length; i += 2) {
      if (stored[i] >= at) {
        break;
      }
      storedBefore += Math.min(at, stored[i + 1]) - stored[i];
    }
    return cs + storedBefore + (long) ((at - us - storedBefore) * ratio);
  }

  /**
   * Where the first window of a {@link SpanFetch#TO_FILE_END} read of this span that must reach uncompressed offset
   * {@code end} should end (exclusive compressed offset), never past {@code spanEnd}: for gzip the estimate a tenth
   * further from the span's start, plus {@link SpanRange#MIN_WINDOW} (a quarter more cost a tenth of a span on
   * average over a real layer's small files; a miss costs one more request for a window as long as all read so far);
   * for an uncompressed layer the offset itself.
   */
  long firstWindowEnd(long end, long spanEnd) {
    long at = compressedAt(Math.max(us, Math.min(end, ue)));
    long guess = exact ? at : cs + (long) Math.ceil((at - cs) * 1.1) + SpanRange.MIN_WINDOW;
    return Math.min(spanEnd, guess);
  }

  /** Whether a path names a file that is compressed already, by its extension. */
  static boolean compressedAlready(String name) {
    int dot = name.lastIndexOf('.');
    return dot >= 0 && dot > name.lastIndexOf('/') && COMPRESSED.contains(name.substring(dot + 1)
        .toLowerCase(Locale.ROOT));
  }

  /** Index of the first entry whose data ends after {@code offset} (entries are in tar order). */
  private static int firstEndingAfter(List<FileMetadata> entries, long offset) {
    int lo = 0;
    int hi = entries.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (entries.get(mid).dataEnd() <= offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
