package dev.sociscope.core.ztoc.lookup;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.tar.TarPaths;
import dev.sociscope.core.ztoc.Checkpoint;
import dev.sociscope.core.ztoc.CompressionAlgorithm;
import dev.sociscope.core.ztoc.CompressionInfo;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.GzipZinfo;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocReader;
import dev.sociscope.core.ztoc.ZtocWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What finding one path of a layer costs, the two ways a read of one file can do it, on a generated zTOC of a given
 * size: reading the cached zTOC, checking its digest and parsing it (what every read did before lookup files), or
 * reading its lookup file and searching it. For {@code sociscope bench --lookup}; a benchmark, not a test.
 */
public final class LookupCost {
  private static final long SPAN = 4L << 20;

  /**
   * Best-of-rounds times in milliseconds, and the sizes of both files.
   *
   * @param writeMillis making the lookup file from the parsed zTOC (once, when a zTOC is first parsed)
   */
  public record Result(int entries, long ztocBytes, long lookupBytes, double parseMillis, double lookupMillis,
      double writeMillis) {
    public double speedup() {
      return parseMillis / lookupMillis;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%,9d entries  zTOC %,11d B  lookup file %,11d B  parse %8.2f ms  "
          + "lookup %6.2f ms  (%.0fx)  lookup file made in %.1f ms", entries, ztocBytes, lookupBytes, parseMillis,
          lookupMillis, speedup(), writeMillis);
    }
  }

  private LookupCost() {}

  /** Measures a generated zTOC of {@code entries} entries, best of {@code rounds}, with files in {@code dir}. */
  public static Result measure(int entries, int rounds, Path dir) throws IOException {
    if (entries < 1 || rounds < 1) {
      throw new IllegalArgumentException("entries and rounds must be positive");
    }
    Ztoc ztoc = generate(entries);
    byte[] ztocBytes = ZtocWriter.write(ztoc);
    Digest digest = Digest.of(ztocBytes);
    Path ztocFile = Files.write(dir.resolve("bench.ztoc"), ztocBytes);
    // the last file: near the end of the tar, where a linear search would look last
    String target = TarPaths.normalize(ztoc.files().get(entries - 1).name());
    double write = Double.MAX_VALUE;
    byte[] lookup = null;
    for (int r = 0; r < rounds; r++) {
      long t = System.nanoTime();
      lookup = LookupFileWriter.write(digest, ztoc);
      write = Math.min(write, (System.nanoTime() - t) / 1e6);
    }
    Path lookupFile = Files.write(dir.resolve("bench.lookup"), lookup);
    double parse = Double.MAX_VALUE;
    double search = Double.MAX_VALUE;
    for (int r = 0; r < rounds; r++) {
      long t = System.nanoTime();
      List<TocEntry> viaZtoc = viaZtoc(ztocFile, digest, target);
      parse = Math.min(parse, (System.nanoTime() - t) / 1e6);
      t = System.nanoTime();
      List<TocEntry> viaLookup = viaLookup(lookupFile, digest, target);
      search = Math.min(search, (System.nanoTime() - t) / 1e6);
      if (viaZtoc.size() != 1 || !viaZtoc.equals(viaLookup)) {
        throw new IllegalStateException("the two ways disagree on " + target);
      }
    }
    return new Result(entries, ztocBytes.length, lookup.length, parse, search, write);
  }

  private static List<TocEntry> viaZtoc(Path file, Digest digest, String path) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (!Digest.of(bytes).equals(digest)) {
      throw new IOException("zTOC changed");
    }
    ZtocReader.Parsed parsed = ZtocReader.readWithZinfo(bytes);
    return ZtocLookup.of(parsed.ztoc(), parsed.zinfo()).entriesAt(path);
  }

  private static List<TocEntry> viaLookup(Path file, Digest digest, String path) throws IOException {
    try {
      return LookupFile.open(Files.readAllBytes(file), digest).entriesAt(path);
    } catch (LookupFileException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** A layer-like zTOC: directories of 20 files with owners and times, one checkpoint per 4 MiB. */
  static Ztoc generate(int entries) {
    List<FileMetadata> files = new ArrayList<>(entries);
    long offset = 0;
    for (int i = 0; i < entries; i++) {
      boolean dir = i % 21 == 0;
      String name = String.format(Locale.ROOT, "usr/share/package-%05d/%s", i / 21,
          dir ? "" : "file-" + i + (i % 3 == 0 ? ".txt" : ".so.1"));
      long size = dir ? 0 : 512 + (i * 7919L) % 6000;
      offset += 512;
      files.add(new FileMetadata(name, dir ? EntryType.DIR : EntryType.REG, offset, size, "", dir ? 040755 : 0100644,
          0, 0, "root", "root", "2024-05-01T12:00:00Z", 0, 0, List.of()));
      offset = Ztoc.alignToTarBlock(offset + size);
    }
    long uncompressed = offset + 1024;
    List<Checkpoint> cps = new ArrayList<>();
    for (long out = 0; out < uncompressed; out += SPAN) {
      cps.add(new Checkpoint(10 + out / 3, out, 0, new byte[Checkpoint.WINDOW_SIZE]));
    }
    long compressed = 10 + uncompressed / 3 + 64;
    GzipZinfo zinfo = new GzipZinfo(SPAN, cps, compressed, uncompressed);
    List<String> digests = new ArrayList<>();
    for (int i = 0; i < cps.size(); i++) {
      digests.add(Digest.of(new byte[] {(byte) i, (byte) (i >> 8)}).toString());
    }
    return new Ztoc(Ztoc.CURRENT_VERSION, "sociscope bench", compressed, uncompressed, files,
        new CompressionInfo(CompressionAlgorithm.GZIP, zinfo.maxSpanId(), digests, zinfo.encode()));
  }
}
