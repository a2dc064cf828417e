package dev.sociscope.core.extract;

import dev.sociscope.core.gzip.BlockFinder;
import dev.sociscope.core.gzip.GzipFormatException;
import dev.sociscope.core.gzip.GzipInflater;
import dev.sociscope.core.tar.TarEntry;
import dev.sociscope.core.tar.TarPaths;
import dev.sociscope.core.tar.TarReader;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.lookup.TocEntry;
import dev.sociscope.core.ztoc.lookup.ZtocLookup;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a small file without inflating from its span's checkpoint, which may lie megabytes before it: the bytes
 * between cost on average half a span, the floor of checkpoint reads.
 *
 * <p>How: fetch from a little before where the file's tar header should be (by the span's {@link SpanMap}), find
 * the first deflate block that starts there ({@link BlockFinder}), and inflate from it twice, once with a window of
 * zeros in place of the 32 KiB before it (which only the checkpoint could give) and once with a window of 0xFF. A
 * byte that comes out the same both times does not depend on that window. The file's own tar header, when it
 * comes out whole, tells exactly where the output lies in the layer: parsed as the zTOC builder parses headers, it
 * must agree with the zTOC's entry, it must be the only such header, and every other header of the layer that comes
 * out at a tar block boundary must sit where the zTOC says. The file is read when all of its bytes come out known.
 *
 * <p>Otherwise the read starts earlier ({@link #GROWTH} times the lead: a header made of copies of earlier headers
 * stays unknown until a start lies before a copy made of literals), or fetches further when the file ends past the
 * bytes held, and after {@link #MAX_STARTS} starts it gives up: the caller inflates from the checkpoint, reusing
 * every byte fetched here.
 *
 * <p>Like any read of part of a span, this one is not checked against the span's digest. What it adds to trust is
 * the placing: a layer made to fool it would need a copy of the file's header elsewhere in the same stretch, whole,
 * while the true one and every other header around it come out unknown.
 */
final class MidSpanStart {
  /** How far before the estimated header the first start lies, in compressed bytes. */
  static final long LEAD = 256 << 10;
  /** Each further start lies this many times as far before the header. */
  static final int GROWTH = 2;
  static final int MAX_STARTS = 4;
  /** Fetches past the bytes held, per start (each inflates everything again): a few, estimated from the output. */
  private static final int MAX_FURTHER = 4;
  /** Larger files are read from the checkpoint (their bytes are held in memory twice here). */
  static final long MAX_FILE = 1 << 20;
  /** Block-header candidates decoded per start; a layer of crafted bytes cannot make a read spin longer. */
  private static final int MAX_CANDIDATES = 16;
  /** The most output one start may give (it is held twice). */
  private static final int MAX_OUTPUT = 16 << 20;
  private static final byte[] USTAR = "ustar".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ZEROS = new byte[GzipInflater.WINDOW_SIZE];
  private static final byte[] ONES = new byte[GzipInflater.WINDOW_SIZE];

  static {
    Arrays.fill(ONES, (byte) 0xFF);
  }

  private final SpanBytes bytes;
  private final Zinfo zinfo;
  private final int span;
  private final SpanMap map;
  private final FileMetadata file;
  private final ZtocLookup toc;

  /** @param bytes the file's span (the file lies wholly in it) */
  MidSpanStart(SpanBytes bytes, Zinfo zinfo, int span, SpanMap map, FileMetadata file, ZtocLookup toc) {
    this.bytes = Objects.requireNonNull(bytes, "bytes");
    this.map = map;
    this.zinfo = zinfo;
    this.span = span;
    this.file = file;
    this.toc = toc;
  }

  /** Whether this way is worth trying for a file: small, in one span, and well past that span's checkpoint. */
  static boolean applies(Zinfo zinfo, int span, FileMetadata file, SpanMap map) {
    long header = file.uncompressedOffset() - 512;
    return file.uncompressedSize() <= MAX_FILE && zinfo.spanOf(file.dataEnd() - 1) == span
        && header >= zinfo.uncompressedStart(span)
        && map.compressedAt(header) - LEAD > zinfo.compressedStart(span) + LEAD / 2;
  }

  /** The file's bytes, or null when this way did not prove them (the caller then reads from the checkpoint). */
  byte[] read() throws IOException {
    long headerAt = file.uncompressedOffset() - 512;
    long estimated = map.compressedAt(headerAt);
    long firstEnd = map.firstWindowEnd(file.dataEnd(), bytes.spanEnd());
    long lead = LEAD;
    for (int start = 0; start < MAX_STARTS; start++, lead *= GROWTH) {
      long from = estimated - lead;
      if (from <= bytes.spanStart() + lead / 2) {
        return null; // about as far back as the checkpoint: inflating from it costs no more
      }
      bytes.ensure(from, Math.max(firstEnd, from + lead));
      for (int further = 0; ; further++) {
        Outcome o = tryFrom(from);
        if (o.file != null) {
          return o.file;
        }
        if (o.next == Next.GIVE_UP) {
          return null;
        }
        if (o.next == Next.EARLIER) {
          break;
        }
        if (bytes.hi() >= bytes.spanEnd() || further == MAX_FURTHER) {
          return null;
        }
        bytes.ensure(bytes.hi(), o.fetchTo);
      }
    }
    return null;
  }

  private enum Next { EARLIER, FURTHER, GIVE_UP }

  private record Outcome(byte[] file, Next next, long fetchTo) {
    static Outcome of(Next next) {
      return new Outcome(null, next, -1);
    }
  }

  /** One attempt: inflate from the first block found at or after {@code from} with the bytes held now. */
  private Outcome tryFrom(long from) throws IOException {
    byte[] held = bytes.held();
    long lo = bytes.lo();
    int length = (int) (bytes.hi() - lo);
    BlockFinder finder = new BlockFinder(held, length);
    long bit = (from - lo) * 8;
    for (int tries = 0; tries < MAX_CANDIDATES; tries++) {
      bit = finder.next(bit);
      if (bit < 0) {
        return Outcome.of(Next.EARLIER);
      }
      Output out = Output.inflate(held, length, bit, outputLimit());
      if (out != null) {
        return judge(out, from, lo * 8 + bit);
      }
      bit++;
    }
    return Outcome.of(Next.GIVE_UP);
  }

  /**
   * No true start inside a span gives more than the span holds (plus what lies past its end in the bytes fetched);
   * and output beyond {@link #MAX_OUTPUT} is given up on rather than held twice in memory.
   */
  private int outputLimit() {
    long spanLength = zinfo.uncompressedEnd(span) - zinfo.uncompressedStart(span);
    return (int) Math.min(MAX_OUTPUT, spanLength + (2 << 20));
  }

  /** What the output of one true-looking start says: the file, or where to look next. */
  private Outcome judge(Output out, long from, long startBit) {
    Alignment a = Alignment.find(out, file, toc);
    if (a.conflict) {
      return Outcome.of(Next.GIVE_UP);
    }
    long base = a.base;
    if (base == Long.MIN_VALUE) {
      boolean short_ = out.inputEnded && bytes.hi() < map.compressedAt(file.dataEnd()) + SpanRange.MIN_WINDOW;
      return short_ ? new Outcome(null, Next.FURTHER, bytes.hi() + Math.max(SpanRange.MIN_WINDOW,
          (bytes.hi() - from) / 4)) : Outcome.of(Next.EARLIER);
    }
    long begin = file.uncompressedOffset() - base;
    long end = file.dataEnd() - base;
    if (begin < 0) {
      return Outcome.of(Next.EARLIER);
    }
    if (end > out.length) {
      if (!out.inputEnded) {
        return Outcome.of(Next.GIVE_UP);
      }
      // the output so far says how many compressed bytes an output byte costs here
      double ratio = (bytes.hi() - startBit / 8.0) / Math.max(1, out.length);
      long more = (long) Math.ceil((end - out.length) * ratio * 1.25) + SpanRange.MIN_WINDOW;
      return new Outcome(null, Next.FURTHER, bytes.hi() + more);
    }
    if (!a.anchored || !out.known((int) begin, (int) end)) {
      return Outcome.of(Next.EARLIER);
    }
    return new Outcome(Arrays.copyOfRange(out.zeros, (int) begin, (int) end), null, -1);
  }

  /** Inflated output from one start, made twice with different stand-in windows. */
  record Output(byte[] zeros, byte[] ones, int length, boolean inputEnded) {
    /** Null when the bits at {@code bit} do not inflate (not a block start after all). */
    static Output inflate(byte[] held, int length, long bit, int limit) throws IOException {
      Run a = run(held, length, bit, ZEROS, limit);
      if (a == null) {
        return null;
      }
      Run b = run(held, length, bit, ONES, a.length);
      if (b == null || b.length != a.length) {
        return null;
      }
      return new Output(a.out, b.out, a.length, a.inputEnded);
    }

    boolean known(int from, int to) {
      return Arrays.equals(zeros, from, to, ones, from, to);
    }

    private record Run(byte[] out, int length, boolean inputEnded) {}

    private static Run run(byte[] held, int length, long bit, byte[] window, int limit) throws IOException {
      int first = (int) (bit >>> 3);
      GzipInflater in = GzipInflater.resumeAtBit(new ByteArrayInputStream(held, first, length - first),
          bit - (long) first * 8, 0, window);
      boolean[] blockEnded = {false};
      in.setBoundaryListener((inflater, boundary) -> blockEnded[0] = true);
      byte[] out = new byte[Math.min(limit, 1 << 20)];
      int n = 0;
      boolean inputEnded = true;
      try {
        while (n < limit) {
          if (n == out.length) {
            out = Arrays.copyOf(out, (int) Math.min(limit, (long) out.length * 2));
          }
          int r = in.read(out, n, out.length - n);
          if (r < 0) {
            break;
          }
          n += r;
        }
        inputEnded = n < limit;
      } catch (GzipFormatException e) {
        if (!e.isTruncated()) {
          return null;
        }
      }
      // a block that runs past the bytes held proves nothing: a stored-block length read from random bits does
      return blockEnded[0] ? new Run(out, n, inputEnded) : null;
    }
  }

  /**
   * Where the output lies in the layer: {@code base} is the uncompressed offset of its first byte, found from the
   * file's own header ({@code anchored}) or, failing that, from another header that names one zTOC entry.
   */
  record Alignment(long base, boolean anchored, boolean conflict) {
    static Alignment find(Output out, FileMetadata file, ZtocLookup toc) {
      Set<Long> anchors = new HashSet<>();
      List<Header> headers = new ArrayList<>();
      long reference = Long.MIN_VALUE;
      byte[] z = out.zeros;
      for (int p = 0; p + 512 <= out.length; p++) {
        if (z[p + 257] != 'u') {
          continue; // most positions: not even the magic's first byte (a plain loop, compiled early)
        }
        FileMetadata h = header(out, p);
        if (h == null) {
          continue;
        }
        headers.add(new Header(p, h));
        long dataAt = p + h.uncompressedOffset();
        if (sameEntry(h, file)) {
          anchors.add(file.uncompressedOffset() - dataAt);
        } else if (reference == Long.MIN_VALUE) {
          long[] offsets = offsetsOf(h, named(h, toc));
          if (offsets.length == 1) {
            reference = offsets[0] - dataAt;
          }
        }
      }
      if (anchors.size() > 1) {
        return new Alignment(Long.MIN_VALUE, false, true);
      }
      if (anchors.isEmpty()) {
        return new Alignment(reference, false, false);
      }
      long base = anchors.iterator().next();
      return new Alignment(base, true, !othersAgree(headers, base, toc));
    }

    /** A whole header found at {@code at} in the output. */
    private record Header(int at, FileMetadata entry) {}

    /**
     * Every whole header ({@code headers}: all of the output's, in order) at a block boundary of the layer's tar
     * whose name the zTOC has sits where it says.
     */
    private static boolean othersAgree(List<Header> headers, long base, ZtocLookup toc) {
      for (Header found : headers) {
        int p = found.at();
        if (Math.floorMod(base + p, 512L) != 0) {
          continue; // not at a tar block boundary of the layer
        }
        FileMetadata h = found.entry();
        List<TocEntry> named = named(h, toc);
        if (named.isEmpty()) {
          continue; // a tar inside a file: no header of the layer
        }
        long dataAt = base + p + h.uncompressedOffset();
        if (Arrays.stream(offsetsOf(h, named)).noneMatch(o -> o == dataAt)) {
          return false;
        }
      }
      return true;
    }

    /**
     * The entry of a header sequence starting at {@code p} whose bytes all came out known, parsed as the builder
     * does (its offset counted from {@code p}); null when there is none.
     */
    private static FileMetadata header(Output out, int p) {
      if (!Arrays.equals(out.zeros, p + 257, p + 262, USTAR, 0, 5) || !out.known(p, p + 512)) {
        return null;
      }
      try {
        TarEntry e = new TarReader(new ByteArrayInputStream(out.zeros, p, out.length - p)).next();
        if (e == null || !out.known(p, (int) Math.min(out.length, p + e.metadata().uncompressedOffset()))) {
          return null;
        }
        return e.metadata();
      } catch (IOException | RuntimeException e) {
        return null; // not a header after all, or one cut off by the end of the output
      }
    }

    /** The zTOC's entries with this header's path. */
    private static List<TocEntry> named(FileMetadata header, ZtocLookup toc) {
      return toc.entriesAt(TarPaths.normalize(header.name()));
    }

    /** Data offsets of those of {@code named} that this header describes. */
    private static long[] offsetsOf(FileMetadata header, List<TocEntry> named) {
      return named.stream()
          .map(TocEntry::metadata)
          .filter(m -> sameEntry(header, m))
          .mapToLong(FileMetadata::uncompressedOffset)
          .toArray();
    }

    /** The same tar entry, its place aside: what a header can be checked against. */
    private static boolean sameEntry(FileMetadata header, FileMetadata entry) {
      return header.name().equals(entry.name()) && header.type() == entry.type()
          && header.uncompressedSize() == entry.uncompressedSize() && header.mode() == entry.mode()
          && header.uid() == entry.uid() && header.gid() == entry.gid()
          && header.modTime().equals(entry.modTime()) && header.linkname().equals(entry.linkname());
    }
  }
}
