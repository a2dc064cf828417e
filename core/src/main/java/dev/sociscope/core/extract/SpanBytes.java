package dev.sociscope.core.extract;

import java.io.IOException;

/**
 * The compressed bytes of one span fetched so far: one contiguous run that grows at either end, so that a read
 * which first tried a start inside the span and then falls back to the checkpoint fetches no byte twice.
 */
final class SpanBytes {
  private final RandomAccessSource source;
  private final long spanStart;
  private final long spanEnd;
  private long lo;
  private long hi;
  private byte[] data = new byte[0];
  private long fetched;

  SpanBytes(RandomAccessSource source, int span, long spanStart, long spanEnd) throws IOException {
    requireUsable(span, spanStart, spanEnd);
    this.source = source;
    this.spanStart = spanStart;
    this.spanEnd = spanEnd;
    this.lo = spanStart;
    this.hi = spanStart;
  }

  /** A span's compressed range that a zTOC may state but no read can hold in one array is an error. */
  static void requireUsable(int span, long start, long end) throws IOException {
    if (end < start || end - start > Integer.MAX_VALUE - 16) {
      throw new IOException("span " + span + " has an unusable compressed range " + start + "-" + end);
    }
  }

  long spanStart() {
    return spanStart;
  }

  long spanEnd() {
    return spanEnd;
  }

  /** First byte held (inclusive). */
  long lo() {
    return lo;
  }

  /** End of the bytes held (exclusive). */
  long hi() {
    return hi;
  }

  /** Bytes fetched from the source so far. */
  long fetched() {
    return fetched;
  }

  /** The bytes held, {@code [lo, hi)}; not a copy. */
  byte[] held() {
    return data;
  }

  /** Fetches whatever of {@code [from, to)} (clamped to the span) is not held yet, joining it to what is. */
  void ensure(long from, long to) throws IOException {
    long a = Math.max(spanStart, from);
    long b = Math.min(spanEnd, to);
    if (a >= b) {
      return;
    }
    if (hi == lo) { // nothing held yet: start the run here
      lo = a;
      hi = a;
    }
    if (a < lo) {
      byte[] before = read(a, lo);
      data = join(before, data);
      lo = a;
    }
    if (b > hi) {
      byte[] after = read(hi, b);
      data = join(data, after);
      hi = b;
    }
  }

  /** {@code [from, to)}, fetched first where missing. */
  byte[] range(long from, long to) throws IOException {
    ensure(from, to);
    byte[] out = new byte[(int) (to - from)];
    System.arraycopy(data, (int) (from - lo), out, 0, out.length);
    return out;
  }

  private byte[] read(long from, long to) throws IOException {
    byte[] bytes = source.read(from, (int) (to - from));
    fetched += bytes.length;
    return bytes;
  }

  private static byte[] join(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
