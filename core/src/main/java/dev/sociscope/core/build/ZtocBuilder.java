package dev.sociscope.core.build;

import dev.sociscope.core.gzip.GzipInflater;
import dev.sociscope.core.io.ChunkInputStream;
import dev.sociscope.core.tar.TarEntry;
import dev.sociscope.core.tar.TarFormatException;
import dev.sociscope.core.tar.TarReader;
import dev.sociscope.core.ztoc.Checkpoint;
import dev.sociscope.core.ztoc.CompressionAlgorithm;
import dev.sociscope.core.ztoc.CompressionInfo;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.GzipZinfo;
import dev.sociscope.core.ztoc.TarZinfo;
import dev.sociscope.core.ztoc.Ztoc;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import dev.sociscope.core.soci.SociDefaults;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Builds the zTOC of one layer in a single pass (spec 5.2): the inflater feeds the tar header reader, its block
 * boundaries feed the checkpoint recorder, and the compressed bytes are hashed per span on the way in. Memory use
 * does not grow with the layer, apart from the TOC and the checkpoint windows that go into the zTOC.
 */
public final class ZtocBuilder {

  /** Build settings. */
  public record Options(long spanSize, String buildTool) {
    public Options {
      if (spanSize <= 0) {
        throw new IllegalArgumentException("span size must be positive, got " + spanSize);
      }
      Objects.requireNonNull(buildTool, "buildTool");
    }

    public static Options defaults() {
      return new Options(SociDefaults.SPAN_SIZE, SociDefaults.BUILD_TOOL_IDENTIFIER);
    }
  }

  private final Options options;

  public ZtocBuilder(Options options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  public Ztoc build(InputStream layer) throws IOException {
    return build(layer, n -> { }, () -> false);
  }

  /**
   * Reads the layer (gzip, detected by its magic bytes, or plain tar) to the end and returns its zTOC.
   *
   * @param progress told the number of layer bytes consumed so far
   * @param cancelled polled while reading; when true the build stops with a CancellationException
   */
  public Ztoc build(InputStream layer, LongConsumer progress, BooleanSupplier cancelled) throws IOException {
    BufferedInputStream peek = new BufferedInputStream(layer, 4);
    peek.mark(4);
    int b0 = peek.read();
    int b1 = peek.read();
    int b2 = peek.read();
    int b3 = peek.read();
    peek.reset();
    if (b0 == 0x28 && b1 == 0xb5 && b2 == 0x2f && b3 == 0xfd) {
      throw new TarFormatException("the layer is zstd-compressed; SOCI indexes only gzip and plain tar layers");
    }
    SpanDigester digester = new SpanDigester(peek, progress, cancelled);
    if (b0 == 0x1f && b1 == 0x8b) {
      return buildGzip(digester);
    }
    return buildTar(digester);
  }

  private Ztoc buildGzip(SpanDigester digester) throws IOException {
    GzipInflater inflater = GzipInflater.gzip(digester);
    digester.setSafePosition(() -> inflater.compressedBitPosition() >>> 3);
    List<Checkpoint> checkpoints = new ArrayList<>();
    long spanSize = options.spanSize();
    long[] last = {0};
    inflater.setBoundaryListener((inf, b) -> {
      if (!b.finalBlock() && (b.uncompressedOffset() == 0 || b.uncompressedOffset() - last[0] > spanSize)) {
        byte[] window = new byte[Checkpoint.WINDOW_SIZE];
        inf.copyWindow(window);
        Checkpoint cp = new Checkpoint(b.compressedOffset(), b.uncompressedOffset(), b.bits(), window);
        checkpoints.add(cp);
        last[0] = b.uncompressedOffset();
        digester.startSpan(cp.compressedStart(), cp.compressedOffset());
      }
    });
    List<FileMetadata> files = readToc(inflater);
    inflater.skip(Long.MAX_VALUE); // tar padding and any later members still count for checkpoints and CRCs
    List<String> digests = digester.finish();
    long compressedSize = digester.total();
    long uncompressedSize = archiveSize(files);
    if (checkpoints.isEmpty()) {
      throw new dev.sociscope.core.gzip.GzipFormatException("no gzip header found in the layer", 0);
    }
    GzipZinfo zinfo = new GzipZinfo(spanSize, checkpoints, compressedSize, uncompressedSize);
    CompressionInfo info = new CompressionInfo(CompressionAlgorithm.GZIP, checkpoints.size() - 1, digests,
        zinfo.encode());
    return new Ztoc(Ztoc.CURRENT_VERSION, options.buildTool(), compressedSize, uncompressedSize, files, info);
  }

  private Ztoc buildTar(SpanDigester digester) throws IOException {
    long spanSize = options.spanSize();
    long[] nextBoundary = {spanSize};
    // For plain tar, spans are fixed slices; a span ends whenever the consumed count passes a multiple of S.
    InputStream slicing = new ChunkInputStream() {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        long room = nextBoundary[0] - digester.total();
        int n = digester.read(b, off, (int) Math.min(len, room));
        if (n > 0 && digester.total() == nextBoundary[0]) {
          digester.startSpan(nextBoundary[0], nextBoundary[0]);
          nextBoundary[0] += spanSize;
        }
        return n;
      }

      private final byte[] skipBuffer = new byte[1 << 16];

      @Override
      public long skip(long n) throws IOException {
        int k = read(skipBuffer, 0, (int) Math.min(n, skipBuffer.length));
        return Math.max(k, 0);
      }
    };
    digester.setSafePosition(digester::total);
    digester.startSpan(0, 0);
    List<FileMetadata> files = readToc(slicing);
    slicing.transferTo(java.io.OutputStream.nullOutputStream());
    long size = digester.total();
    if (size == 0) {
      // Not even the end-of-archive blocks: there are no spans, and a zTOC needs at least one.
      throw new TarFormatException("the layer is empty (0 bytes): there is nothing to index");
    }
    List<String> digests = new ArrayList<>(digester.finish());
    long spans = Math.max(1, (size + spanSize - 1) / spanSize);
    while (digests.size() > spans) {
      digests.remove(digests.size() - 1); // the empty span opened after a boundary at the very end
    }
    long uncompressedSize = archiveSize(files);
    TarZinfo zinfo = new TarZinfo(TarZinfo.CURRENT_VERSION, spanSize, size, uncompressedSize);
    CompressionInfo info = new CompressionInfo(CompressionAlgorithm.UNCOMPRESSED, digests.size() - 1, digests,
        zinfo.encode());
    return new Ztoc(Ztoc.CURRENT_VERSION, options.buildTool(), size, uncompressedSize, files, info);
  }

  static List<FileMetadata> readToc(InputStream tar) throws IOException {
    TarReader reader = new TarReader(tar);
    List<FileMetadata> files = new ArrayList<>();
    for (TarEntry e = reader.next(); e != null; e = reader.next()) {
      files.add(e.metadata());
    }
    return files;
  }

  /** align512(end of the last entry's data) + 1024, as upstream computes it. */
  static long archiveSize(List<FileMetadata> files) {
    if (files.isEmpty()) {
      return 1024;
    }
    FileMetadata lastEntry = files.get(files.size() - 1);
    long end = lastEntry.uncompressedOffset() + lastEntry.uncompressedSize();
    return (end + 511) / 512 * 512 + 1024;
  }
}
