package dev.sociscope.app.cli;

import dev.sociscope.core.extract.LocalFileSource;
import dev.sociscope.core.extract.SmallFileCost;
import dev.sociscope.core.format.ByteSize;
import dev.sociscope.core.soci.SociDefaults;
import dev.sociscope.core.build.SpanSizeScan;
import dev.sociscope.core.build.ZtocBuilder;
import dev.sociscope.core.profile.WhatIfAnalyzer;
import dev.sociscope.core.gzip.GzipInflater;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sociscope bench}: measures, in one run on the same layer, our inflater against java.util.zip (native
 * zlib), and zTOC build time against a plain GZIPInputStream read and {@code gzip -dc}. Not a test: it prints ratios.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark the inflater and the zTOC builder against java.util.zip and gzip -dc.")
public final class BenchCommand implements Callable<Integer> {
  private static final String[] WORDS = ("the quick brown fox jumps over lazy dog layer span checkpoint window "
      + "container image registry manifest index digest sha256 blob tar gzip inflate deflate huffman table "
      + "#include <stdio.h> int main(void) { return 0; } </div> <p class=\"x\"> import java.util.List;").split(" ");

  @Spec CommandSpec spec;

  @Option(names = "--size", paramLabel = "BYTES", defaultValue = "256MiB", converter = ByteSizes.Positive.class,
      description = "Uncompressed size of the generated layer: 65536, 64KiB, 4MiB (default: ${DEFAULT-VALUE}).")
  long size;

  /** The old spelling of {@code --size}, in MiB; kept so that scripts and the README's figures still run. */
  @Option(names = "--size-mb", paramLabel = "MB", hidden = true, description = "Deprecated: --size in MiB.")
  Integer sizeMb;

  @Option(names = "--layer", paramLabel = "FILE", description = "Benchmark this tar+gzip layer instead of "
      + "generating one.")
  Path layer;

  @Option(names = "--span-size", paramLabel = "BYTES", defaultValue = SociDefaults.SPAN_SIZE_TEXT,
      converter = ByteSizes.Positive.class, description = "Span size for the zTOC build (default: ${DEFAULT-VALUE}).")
  long spanSize;

  @Option(names = "--rounds", paramLabel = "N", description = "Timed rounds per measurement; the best counts (default: "
      + "${DEFAULT-VALUE}).")
  int rounds = 3;

  @Option(names = "--remote", arity = "2", paramLabel = "REF PATH", description = "Instead: time and bytes of "
      + "pulling image REF against a cold lazy read of PATH in it, side by side.")
  java.util.List<String> remote;

  @Option(names = "--link", paramLabel = "RATE/RTT", description = "With --remote on a loopback registry: play a "
      + "slower link through a relay, e.g. 100Mbit/20ms (default: none).")
  String link;

  @picocli.CommandLine.Mixin RegistryFlags registry;

  @Option(names = "--small-files", description = "Instead: read every file under 64 KiB of the layer lazily, whole "
      + "spans (the upstream runtime) against partial spans, and print the compressed bytes each fetches.")
  boolean smallFiles;

  @Option(names = "--lookup", description = "Instead: the cost of finding one path of a layer, parsing its cached "
      + "zTOC (as reads did before) against searching its lookup file, on generated zTOCs (see --entries).")
  boolean lookup;

  @Option(names = "--entries", paramLabel = "N[,N...]", split = ",", description = "With --lookup: the zTOC sizes "
      + "in entries (default: 5000,200000).")
  java.util.List<Integer> entries = java.util.List.of(5000, 200_000);

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (lookup) {
      lookupCost(out);
      return SociscopeCommand.EXIT_OK;
    }
    if (remote != null) {
      RemoteBench.run(out, registry, remote.get(0), remote.get(1), link);
      return SociscopeCommand.EXIT_OK;
    }
    if (smallFiles) {
      if (layer == null) {
        throw new IllegalArgumentException("--small-files needs --layer FILE (a real tar+gzip layer)");
      }
      smallFiles(out, layer);
      return SociscopeCommand.EXIT_OK;
    }
    Path work = null;
    Path gz = layer;
    if (gz == null) {
      work = dev.sociscope.core.io.TempFiles.createDirectory("sociscope-bench"); // removed at SIGTERM too
      Path tar = work.resolve("layer.tar");
      gz = work.resolve("layer.tar.gz");
      long bytes = sizeMb != null ? (long) sizeMb << 20 : size;
      if (bytes <= 0) {
        throw new IllegalArgumentException("--size-mb must be positive");
      }
      out.printf("generating a %s layer (seed 20260611) ...%n", ByteSize.human(bytes));
      out.flush();
      generateTar(tar, bytes);
      compress(tar, gz);
      Files.delete(tar);
    }
    try {
      run(out, gz);
    } finally {
      if (work != null) {
        dev.sociscope.core.io.TempFiles.delete(work);
      }
    }
    return SociscopeCommand.EXIT_OK;
  }

  private void lookupCost(PrintWriter out) throws Exception {
    Path work = dev.sociscope.core.io.TempFiles.createDirectory("sociscope-bench");
    try {
      out.printf("open + look up one path of a cached zTOC, best of %d: read, verify and parse the zTOC (before)"
          + " against read and search its lookup file (now)%n", rounds);
      for (int n : entries) {
        out.println(dev.sociscope.core.ztoc.lookup.LookupCost.measure(n, rounds, work));
        out.flush();
      }
    } finally {
      dev.sociscope.core.io.TempFiles.delete(work);
    }
  }

  private void smallFiles(PrintWriter out, Path gz) throws Exception {
    Ztoc z;
    try (InputStream in = Files.newInputStream(gz)) {
      z = new ZtocBuilder(new ZtocBuilder.Options(spanSize, SociDefaults.BUILD_TOOL_IDENTIFIER)).build(in);
    }
    long started = System.nanoTime();
    SmallFileCost c;
    try (LocalFileSource source = new LocalFileSource(gz)) {
      c = SmallFileCost.measure(z, source, 64 << 10);
    }
    out.printf("layer %s: %,d bytes, %d entries, %d spans of %s%n", gz, Files.size(gz), z.files().size(),
        z.compressionInfo().spanCount(), ByteSize.human(spanSize));
    out.printf("files under 64 KiB read one by one: %d (every file's bytes identical both ways)%n", c.files());
    out.printf("%-44s %14s %12s%n", "compressed bytes fetched", "total", "mean/file");
    out.printf("%-44s %,14d %,12d%n", "whole spans (upstream runtime, before)", c.wholeSpanBytes(),
        c.files() == 0 ? 0 : c.wholeSpanBytes() / c.files());
    out.printf("%-44s %,14d %,12d%n", "partial spans (stop at the file's end)", c.partialBytes(),
        c.files() == 0 ? 0 : c.partialBytes() / c.files());
    out.printf("partial reads started at a deflate block inside the span, not its checkpoint: %d of %d%n",
        c.startedInsideSpan(), c.files());
    out.printf("partial / whole: %.1f%%   (target <= 40%%), %.1f s%n", 100 * c.ratio(),
        (System.nanoTime() - started) / 1e9);
    out.flush();
  }

  private void run(PrintWriter out, Path gz) throws Exception {
    long compressed = Files.size(gz);
    long uncompressed = countBytes(new GZIPInputStream(Files.newInputStream(gz), 1 << 16));
    out.printf("layer: %s%n  compressed %,d bytes, uncompressed %,d bytes (ratio %.2f)%n", layer == null
        ? "generated" : gz, compressed, uncompressed, (double) uncompressed / compressed);
    out.printf("  java %s, %d cpus%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    out.flush();

    Timing gzipDc = best(() -> gzipDc(gz));
    Timing zlib = best(() -> countBytes(new GZIPInputStream(Files.newInputStream(gz), 1 << 16)));
    Timing ours = best(() -> countBytes(GzipInflater.gzip(Files.newInputStream(gz))));
    long[] peak = new long[1];
    Ztoc[] built = new Ztoc[1];
    Timing build = best(() -> {
      resetPeaks();
      try (InputStream in = Files.newInputStream(gz)) {
        built[0] = new ZtocBuilder(new ZtocBuilder.Options(spanSize, SociDefaults.BUILD_TOOL_IDENTIFIER)).build(in);
      }
      peak[0] = Math.max(peak[0], heapPeak());
      return 0;
    });
    // The what-if pass: span geometry at 1, 2, 4, 8 and 16 MiB from one inflate (sociscope profile --what-if --exact).
    Timing whatIf = best(() -> {
      try (InputStream in = Files.newInputStream(gz)) {
        return SpanSizeScan.scan(in, WhatIfAnalyzer.SPAN_SIZES, n -> { }, () -> false).files().size();
      }
    });
    double mb = uncompressed / 1e6;
    out.printf("%n%-40s %8s %8s %10s%n", "measurement (best of " + rounds + ")", "wall s", "cpu s", "MB/s (cpu)");
    row(out, "gzip -dc > /dev/null", gzipDc, mb);
    row(out, "java.util.zip GZIPInputStream (zlib)", zlib, mb);
    row(out, "sociscope GzipInflater", ours, mb);
    row(out, "sociscope zTOC build (span " + ByteSize.human(spanSize) + ")", build, mb);
    row(out, "what-if scan, 5 span sizes, one pass", whatIf, mb);
    out.printf("%nratios (wall / cpu):%n");
    out.printf("  inflate throughput, ours / java.util.zip     %.2fx / %.2fx%n", zlib.wall / ours.wall,
        zlib.cpu / ours.cpu);
    out.printf("  zTOC build time / gzip -dc time              %.2fx / %.2fx   (target <= 1.2x)%n",
        build.wall / gzipDc.wall, build.cpu / gzipDc.cpu);
    out.printf("  zTOC build time / GZIPInputStream read time  %.2fx / %.2fx%n", build.wall / zlib.wall,
        build.cpu / zlib.cpu);
    out.printf("  what-if (5 span sizes) / one zTOC build      %.2fx / %.2fx   (target <= 1.5x)%n",
        whatIf.wall / build.wall, whatIf.cpu / build.cpu);
    long ztocBytes = ZtocWriter.write(built[0]).length;
    out.printf("%nzTOC: %d entries, %d spans, %,d bytes%n", built[0].files().size(),
        built[0].compressionInfo().spanCount(), ztocBytes);
    out.printf("peak heap during build: %.1f MiB (max heap %.0f MiB; includes the zTOC and uncollected garbage)%n",
        peak[0] / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
    out.printf("(cpu = this thread's CPU time, or user+sys of the gzip process; on a shared machine it is the "
        + "steadier figure)%n");
    out.flush();
  }

  private static void row(PrintWriter out, String what, Timing t, double mb) {
    out.printf("%-40s %8.3f %8.3f %10.1f%n", what, t.wall, t.cpu, mb / t.cpu);
  }

  /** Best wall-clock and best CPU seconds over the rounds. */
  private static final class Timing {
    double wall = Double.MAX_VALUE;
    double cpu = Double.MAX_VALUE;
  }

  /** CPU seconds a round used, when it measures them itself (the gzip child process), else -1. */
  private static final ThreadLocal<Double> EXTERNAL_CPU = ThreadLocal.withInitial(() -> -1.0);

  /** What one timed round does. */
  private interface Round {
    long run() throws Exception;
  }

  private Timing best(Round round) throws Exception {
    round.run(); // warm-up
    Timing t = new Timing();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < rounds; i++) {
      EXTERNAL_CPU.set(-1.0);
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      round.run();
      t.wall = Math.min(t.wall, (System.nanoTime() - t0) / 1e9);
      double cpu = EXTERNAL_CPU.get() >= 0 ? EXTERNAL_CPU.get() : (threads.getCurrentThreadCpuTime() - c0) / 1e9;
      t.cpu = Math.min(t.cpu, cpu);
    }
    return t;
  }

  private static long countBytes(InputStream in) throws IOException {
    try (in) {
      byte[] buf = new byte[1 << 16];
      long n = 0;
      for (int k; (k = in.read(buf)) >= 0; ) {
        n += k;
      }
      return n;
    }
  }

  /** Runs gzip -dc under /usr/bin/time (when present) to learn its user+sys CPU seconds. */
  private static long gzipDc(Path gz) throws Exception {
    boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
    ProcessBuilder pb = timed
        ? new ProcessBuilder("/usr/bin/time", "-f", "%U %S", "gzip", "-dc", gz.toString())
        : new ProcessBuilder("gzip", "-dc", gz.toString());
    Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IOException("gzip -dc failed with exit code " + p.exitValue() + ": " + err);
    }
    if (timed) {
      String[] lines = err.split("\n");
      String[] f = lines[lines.length - 1].trim().split(" ");
      EXTERNAL_CPU.set(Double.parseDouble(f[0]) + Double.parseDouble(f[1]));
    }
    return 0;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long heapPeak() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** A reproducible tar: about 70% text-like files of varied sizes, 30% random (incompressible) data. */
  static void generateTar(Path tar, long size) throws IOException {
    Random rnd = new Random(20260611);
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tar), 1 << 16);
        TarArchiveOutputStream t = new TarArchiveOutputStream(os)) {
      t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      long written = 0;
      for (int i = 0; written < size; i++) {
        boolean random = rnd.nextInt(10) < 3;
        int len = (int) Math.min(size - written, rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(8 << 20)
            : 1 + rnd.nextInt(64 << 10));
        byte[] data = random ? randomBytes(rnd, len) : text(rnd, len);
        TarArchiveEntry e = new TarArchiveEntry("usr/share/bench/d" + (i % 37) + "/file-" + i
            + (random ? ".bin" : ".txt"));
        e.setSize(data.length);
        e.setModTime(1_700_000_000_000L);
        t.putArchiveEntry(e);
        t.write(data);
        t.closeArchiveEntry();
        written += data.length + 512;
      }
    }
  }

  private static byte[] randomBytes(Random rnd, int len) {
    byte[] b = new byte[len];
    rnd.nextBytes(b);
    return b;
  }

  private static byte[] text(Random rnd, int len) {
    StringBuilder sb = new StringBuilder(len + 64);
    while (sb.length() < len) {
      sb.append(WORDS[rnd.nextInt(WORDS.length)]);
      sb.append(rnd.nextInt(12) == 0 ? '\n' : ' ');
      if (rnd.nextInt(50) == 0) {
        sb.append(rnd.nextInt(1_000_000));
      }
    }
    return sb.substring(0, len).getBytes(StandardCharsets.UTF_8);
  }

  /** Compresses with the real gzip binary (level 6) when present, as most image builders do. */
  private static void compress(Path tar, Path gz) throws Exception {
    try {
      Process p = new ProcessBuilder("gzip", "-6", "-n", "-c", tar.toString())
          .redirectOutput(gz.toFile()).start();
      if (p.waitFor() == 0) {
        return;
      }
    } catch (IOException noGzip) {
      // fall through to java.util.zip
    }
    try (InputStream in = Files.newInputStream(tar);
        OutputStream os = new GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
      in.transferTo(os);
    }
  }
}
