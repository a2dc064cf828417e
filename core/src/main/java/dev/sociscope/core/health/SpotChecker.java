package dev.sociscope.core.health;

import dev.sociscope.core.extract.RandomAccessSource;
import dev.sociscope.core.gzip.GzipFormatException;
import dev.sociscope.core.gzip.GzipInflater;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.ztoc.Checkpoint;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.GzipZinfo;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks spans of a layer against its zTOC the way a lazy read would use them, without trusting the zTOC: each span
 * is fetched with a range request and must hash to the recorded span digest; a gzip span is then inflated from its
 * checkpoint, and what comes out must end with the next checkpoint's window and hold valid tar headers where the
 * TOC says entries start. The span digests only cover compressed bytes, so a zTOC whose checkpoint windows were
 * zeroed (digests intact) passes the first test and fails the second.
 */
public final class SpotChecker {
  private static final int TAR_BLOCK = 512;

  private final Ztoc ztoc;
  private final Zinfo zinfo;
  private final RandomAccessSource layer;

  public SpotChecker(Ztoc ztoc, Zinfo zinfo, RandomAccessSource layer) {
    this.ztoc = ztoc;
    this.zinfo = zinfo;
    this.layer = layer;
  }

  /** {@code count} spans spread over the layer: the first, the last, and evenly between. */
  public static List<Integer> pick(int spanCount, int count) {
    TreeSet<Integer> picked = new TreeSet<>();
    if (count <= 0 || spanCount <= 0) {
      return List.of();
    }
    picked.add(0);
    picked.add(spanCount - 1);
    for (int i = 1; picked.size() < Math.min(count, spanCount); i++) {
      picked.add((int) ((long) i * spanCount / count) % spanCount);
      if (i > 4 * count) {
        break;
      }
    }
    return new ArrayList<>(picked).subList(0, Math.min(count, picked.size()));
  }

  /** The first problem among the given spans, or empty when every one checks out. */
  public Optional<String> check(List<Integer> spans) throws IOException {
    for (int span : spans) {
      Optional<String> problem = check(span);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  /** Checks one span. */
  public Optional<String> check(int span) throws IOException {
    long start = zinfo.compressedStart(span);
    long end = zinfo.compressedEnd(span);
    if (end - start > Integer.MAX_VALUE - 16) {
      return Optional.of("span " + span + " is " + (end - start) + " compressed bytes, too large to check");
    }
    byte[] bytes = layer.read(start, (int) (end - start));
    String actual = Digest.of(bytes).toString();
    String expected = ztoc.compressionInfo().spanDigests().get(span);
    if (!actual.equals(expected)) {
      return Optional.of("span " + span + " (compressed bytes " + start + "-" + (end - 1) + ") hashes to " + actual
          + ", the zTOC says " + expected);
    }
    if (!(zinfo instanceof GzipZinfo g)) {
      return checkTarHeaders(span, bytes, zinfo.uncompressedStart(span));
    }
    byte[] out;
    try {
      out = inflate(g, span, bytes);
    } catch (GzipFormatException e) {
      return Optional.of("span " + span + " does not inflate from its checkpoint: " + e.getMessage());
    }
    if (span + 1 < g.checkpoints().size()) {
      byte[] next = g.checkpoints().get(span + 1).window();
      byte[] tail = Arrays.copyOfRange(out, Math.max(0, out.length - Checkpoint.WINDOW_SIZE), out.length);
      byte[] expectTail = Arrays.copyOfRange(next, Checkpoint.WINDOW_SIZE - tail.length, Checkpoint.WINDOW_SIZE);
      if (!Arrays.equals(tail, expectTail)) {
        return Optional.of("span " + span + " inflates to data that does not end with checkpoint " + (span + 1)
            + "'s window: a checkpoint window of the zTOC is wrong");
      }
    }
    return checkTarHeaders(span, out, zinfo.uncompressedStart(span));
  }

  private byte[] inflate(GzipZinfo g, int span, byte[] compressed) throws IOException {
    Checkpoint cp = g.checkpoints().get(span);
    long length = zinfo.uncompressedEnd(span) - zinfo.uncompressedStart(span);
    GzipInflater in = GzipInflater.resume(new ByteArrayInputStream(compressed), cp.compressedOffset(), cp.bits(),
        cp.uncompressedOffset(), cp.window());
    return in.readNBytes((int) Math.min(length, Integer.MAX_VALUE - 16));
  }

  /** Every tar header the TOC places inside this span must be a header with a valid checksum. */
  private Optional<String> checkTarHeaders(int span, byte[] data, long dataStart) {
    for (FileMetadata f : ztoc.files()) {
      long header = f.uncompressedOffset() - TAR_BLOCK;
      if (header < dataStart || header + TAR_BLOCK > dataStart + data.length) {
        continue;
      }
      int at = (int) (header - dataStart);
      if (!validHeader(data, at)) {
        return Optional.of("span " + span + ": the tar header of '" + f.name() + "' at uncompressed offset "
            + header + " is not valid after inflating from the checkpoint: the zTOC's checkpoint data is wrong");
      }
    }
    return Optional.empty();
  }

  /** A ustar/GNU header: the checksum field matches the sum of the block with that field as spaces. */
  static boolean validHeader(byte[] b, int at) {
    long sum = 0;
    for (int i = 0; i < TAR_BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (b[at + i] & 0xff);
    }
    String field = new String(b, at + 148, 8, java.nio.charset.StandardCharsets.US_ASCII).trim();
    field = field.replace("\0", "").trim();
    try {
      return !field.isEmpty() && Long.parseLong(field, 8) == sum;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
