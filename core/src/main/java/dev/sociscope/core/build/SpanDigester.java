package dev.sociscope.core.build;

import dev.sociscope.core.io.ChunkInputStream;
import dev.sociscope.core.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Sits between the layer and the inflater and hashes the compressed bytes of each span in the same pass (spec 5.4).
 * Spans start at checkpoints found while inflating, so bytes are kept until no later span can start before them:
 * a new span never starts before the byte the inflater is working on ({@link #setSafePosition}). That keeps the
 * buffer at about one input chunk, whatever the layer size.
 */
final class SpanDigester extends ChunkInputStream {
  private final InputStream in;
  private final LongConsumer progress;
  private final BooleanSupplier cancelled;
  private LongSupplier safePosition = () -> 0;
  private long total;
  private byte[] pending = new byte[1 << 17];
  private long pendingBase;
  private int pendingLen;
  private long hashedUpTo;
  private MessageDigest current;
  private final List<String> digests = new ArrayList<>();

  SpanDigester(InputStream in, LongConsumer progress, BooleanSupplier cancelled) {
    this.in = in;
    this.progress = progress;
    this.cancelled = cancelled;
  }

  /** Where the next span could start at the earliest (the byte the inflater is consuming). */
  void setSafePosition(LongSupplier safePosition) {
    this.safePosition = safePosition;
  }

  long total() {
    return total;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (cancelled.getAsBoolean()) {
      throw new CancellationException("zTOC build cancelled");
    }
    hashUpTo(safePosition.getAsLong());
    compact();
    int n = in.read(b, off, len);
    if (n > 0) {
      if (pendingLen + n > pending.length) {
        byte[] bigger = new byte[Math.max(pending.length * 2, pendingLen + n)];
        System.arraycopy(pending, 0, bigger, 0, pendingLen);
        pending = bigger;
      }
      System.arraycopy(b, off, pending, pendingLen, n);
      pendingLen += n;
      total += n;
      progress.accept(total);
    }
    return n;
  }

  /** Ends the running span at {@code end} (exclusive) and starts the next one at {@code start} (end or end - 1). */
  void startSpan(long start, long end) {
    hashUpTo(end);
    if (current != null) {
      digests.add(Digest.fromHash(current.digest()).toString());
    }
    current = Digest.sha256();
    long from = Math.max(start, pendingBase);
    if (from < end) {
      current.update(pending, (int) (from - pendingBase), (int) (end - from));
    }
  }

  /** Reads the rest of the input, closes the last span and returns all span digests. */
  List<String> finish() throws IOException {
    byte[] buf = new byte[1 << 16];
    while (read(buf, 0, buf.length) >= 0) {
      hashUpTo(total);
    }
    hashUpTo(total);
    if (current != null) {
      digests.add(Digest.fromHash(current.digest()).toString());
      current = null;
    }
    return List.copyOf(digests);
  }

  private void hashUpTo(long x) {
    long end = Math.min(x, pendingBase + pendingLen);
    if (end <= hashedUpTo) {
      return;
    }
    if (current != null) {
      current.update(pending, (int) (hashedUpTo - pendingBase), (int) (end - hashedUpTo));
    }
    hashedUpTo = end;
  }

  /** Drops hashed bytes, keeping the last one (a span may start one byte before its checkpoint). */
  private void compact() {
    long keepFrom = Math.max(pendingBase, hashedUpTo - 1);
    int drop = (int) (keepFrom - pendingBase);
    if (drop > pending.length / 2) {
      System.arraycopy(pending, drop, pending, 0, pendingLen - drop);
      pendingLen -= drop;
      pendingBase = keepFrom;
    }
  }
}
