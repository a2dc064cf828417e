package dev.sociscope.core.build;

import dev.sociscope.core.gzip.GzipInflater;
import dev.sociscope.core.io.ChunkInputStream;
import dev.sociscope.core.tar.TarFormatException;
import dev.sociscope.core.ztoc.Checkpoint;
import dev.sociscope.core.ztoc.CompressionAlgorithm;
import dev.sociscope.core.ztoc.CompressionInfo;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.GzipZinfo;
import dev.sociscope.core.ztoc.TarZinfo;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocWriter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The span geometry a layer would get at several span sizes, from one pass over it: one inflate, with the
 * checkpoint rule of spec 5.2 applied for every size at each block boundary. Used for what-if answers ("with 1 MiB
 * spans this file costs ..."): the offsets are exact, the windows are not kept (a zTOC's size does not depend on
 * them), and no span digests are computed, so the pass costs about one inflate.
 */
public final class SpanSizeScan {
  private static final byte[] NO_WINDOW = new byte[Checkpoint.WINDOW_SIZE];

  private SpanSizeScan() {}

  /**
   * The layer's TOC and, per span size, its span geometry.
   *
   * @param files the TOC (the same at every span size)
   * @param zinfos per span size, the geometry a zTOC built with it would have
   */
  public record Result(List<FileMetadata> files, long compressedSize, long uncompressedSize, boolean gzip,
      Map<Long, Zinfo> zinfos) {
    public Result {
      files = List.copyOf(files);
      zinfos = Collections.unmodifiableMap(new LinkedHashMap<>(zinfos));
    }

    /** The exact size of the zTOC a build with {@code spanSize} would write (digests and windows have fixed sizes). */
    public long ztocBytes(long spanSize, String buildTool) {
      Zinfo z = zinfos.get(spanSize);
      if (z == null) {
        throw new IllegalArgumentException("span size " + spanSize + " was not scanned");
      }
      List<String> digests = Collections.nCopies(z.spanCount(), "sha256:" + "0".repeat(64));
      byte[] blob = gzip ? new byte[GzipZinfo.HEADER_SIZE + z.spanCount() * GzipZinfo.RECORD_SIZE]
          : ((TarZinfo) z).encode();
      CompressionInfo info = new CompressionInfo(gzip ? CompressionAlgorithm.GZIP : CompressionAlgorithm.UNCOMPRESSED,
          z.spanCount() - 1, digests, blob);
      return ZtocWriter.write(new Ztoc(Ztoc.CURRENT_VERSION, buildTool, compressedSize, uncompressedSize, files,
          info)).length;
    }
  }

  /** Scans a gzip or plain tar layer for each of {@code spanSizes}. */
  public static Result scan(InputStream layer, List<Long> spanSizes, LongConsumer progress, BooleanSupplier cancelled)
      throws IOException {
    BufferedInputStream peek = new BufferedInputStream(layer, 1 << 16);
    peek.mark(2);
    boolean gzip = peek.read() == 0x1f && peek.read() == 0x8b;
    peek.reset();
    Counting counted = new Counting(peek, progress, cancelled);
    if (!gzip) {
      List<FileMetadata> files = ZtocBuilder.readToc(counted);
      counted.transferTo(java.io.OutputStream.nullOutputStream());
      long size = counted.count;
      Map<Long, Zinfo> zinfos = new LinkedHashMap<>();
      for (long s : spanSizes) {
        zinfos.put(s, new TarZinfo(TarZinfo.CURRENT_VERSION, s, size, ZtocBuilder.archiveSize(files)));
      }
      return new Result(files, size, ZtocBuilder.archiveSize(files), false, zinfos);
    }
    GzipInflater inflater = GzipInflater.gzip(counted);
    List<List<Checkpoint>> checkpoints = new ArrayList<>();
    long[] last = new long[spanSizes.size()];
    for (int i = 0; i < spanSizes.size(); i++) {
      checkpoints.add(new ArrayList<>());
    }
    inflater.setBoundaryListener((inf, b) -> {
      if (b.finalBlock()) {
        return;
      }
      for (int i = 0; i < last.length; i++) {
        if (b.uncompressedOffset() == 0 || b.uncompressedOffset() - last[i] > spanSizes.get(i)) {
          checkpoints.get(i).add(new Checkpoint(b.compressedOffset(), b.uncompressedOffset(), b.bits(), NO_WINDOW));
          last[i] = b.uncompressedOffset();
        }
      }
    });
    List<FileMetadata> files = ZtocBuilder.readToc(inflater);
    inflater.skip(Long.MAX_VALUE); // later checkpoints still count, as in the builder
    long uncompressed = ZtocBuilder.archiveSize(files);
    Map<Long, Zinfo> zinfos = new LinkedHashMap<>();
    for (int i = 0; i < last.length; i++) {
      if (checkpoints.get(i).isEmpty()) {
        throw new TarFormatException("no gzip header found in the layer");
      }
      zinfos.put(spanSizes.get(i), new GzipZinfo(spanSizes.get(i), checkpoints.get(i), counted.count, uncompressed));
    }
    return new Result(files, counted.count, uncompressed, true, zinfos);
  }

  /** Counts the layer bytes read, reports them, and stops when cancelled. */
  private static final class Counting extends ChunkInputStream {
    private final InputStream in;
    private final LongConsumer progress;
    private final BooleanSupplier cancelled;
    long count;

    Counting(InputStream in, LongConsumer progress, BooleanSupplier cancelled) {
      this.in = in;
      this.progress = progress;
      this.cancelled = cancelled;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (cancelled.getAsBoolean()) {
        throw new CancellationException("scan cancelled");
      }
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
        progress.accept(count);
      }
      return n;
    }
  }
}
