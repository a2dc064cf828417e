package dev.sociscope.core.extract;

import dev.sociscope.core.gzip.GzipInflater;
import dev.sociscope.core.io.Futures;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.tar.TarPaths;
import dev.sociscope.core.ztoc.Checkpoint;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.GzipZinfo;
import dev.sociscope.core.ztoc.TarZinfo;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocFormatException;
import dev.sociscope.core.ztoc.lookup.TocEntry;
import dev.sociscope.core.ztoc.lookup.ZtocLookup;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads single files out of a layer through its zTOC (spec 6.1): only the spans that hold the file are fetched,
 * each is checked against its digest, and inflation resumes at the first span's checkpoint.
 *
 * <p>When the spans of a file add up to at most {@link #VERIFY_FIRST_LIMIT} compressed bytes, all are fetched and
 * verified before the first byte is written, so a corrupt span yields no output at all. Larger files are verified
 * span by span as they stream; callers that write files should write to a temporary file and move it on success.
 */
public final class LazyExtractor {
  public static final long VERIFY_FIRST_LIMIT = 64L << 20;

  /** The parsed zTOC when built from one (for {@link #findByOffset}); null when built from a lookup. */
  private final Ztoc ztoc;
  private final ZtocLookup toc;
  private final Zinfo zinfo;
  private final RandomAccessSource source;
  private final long verifyFirstLimit;
  private final SpanFetch spanFetch;
  private volatile boolean headerChecked;
  /** Entries whose names say they are compressed already, in tar order ({@link SpanMap}); made on first need. */
  private List<FileMetadata> compressedFiles;

  /** Whole spans, each verified ({@link SpanFetch#WHOLE}). */
  public LazyExtractor(Ztoc ztoc, RandomAccessSource source) throws ZtocFormatException {
    this(ztoc, source, VERIFY_FIRST_LIMIT);
  }

  public LazyExtractor(Ztoc ztoc, RandomAccessSource source, SpanFetch spanFetch) throws ZtocFormatException {
    this(ztoc, source, VERIFY_FIRST_LIMIT, spanFetch);
  }

  /**
   * @param verifyFirstLimit files whose spans hold at most this many compressed bytes are fully verified before
   *     any output; larger ones are verified span by span while streaming
   */
  public LazyExtractor(Ztoc ztoc, RandomAccessSource source, long verifyFirstLimit) throws ZtocFormatException {
    this(ztoc, source, verifyFirstLimit, SpanFetch.WHOLE);
  }

  /**
   * @param verifyFirstLimit files whose whole spans hold at most this many compressed bytes are fully verified
   *     before any output; larger ones are verified span by span while streaming
   * @param spanFetch whether the last span is read whole or only as far as the file needs
   */
  public LazyExtractor(Ztoc ztoc, RandomAccessSource source, long verifyFirstLimit, SpanFetch spanFetch)
      throws ZtocFormatException {
    this(Objects.requireNonNull(ztoc, "ztoc"), ZtocLookup.of(ztoc, Zinfo.of(ztoc)), source, verifyFirstLimit,
        spanFetch);
  }

  /**
   * Reads through a lookup of the zTOC (its entries by path and its spans) instead of the parsed zTOC: what a read
   * of one file uses when the cache has the zTOC's lookup file. {@link #findByOffset} needs the parsed zTOC.
   */
  public LazyExtractor(ZtocLookup toc, RandomAccessSource source, SpanFetch spanFetch) throws ZtocFormatException {
    this(null, toc, source, VERIFY_FIRST_LIMIT, spanFetch);
  }

  private LazyExtractor(Ztoc ztoc, ZtocLookup toc, RandomAccessSource source, long verifyFirstLimit,
      SpanFetch spanFetch) throws ZtocFormatException {
    this.spanFetch = Objects.requireNonNull(spanFetch, "spanFetch");
    this.ztoc = ztoc;
    this.toc = Objects.requireNonNull(toc, "toc");
    this.source = Objects.requireNonNull(source, "source");
    this.verifyFirstLimit = verifyFirstLimit;
    this.zinfo = toc.zinfo();
    if (toc.spanDigests().size() != zinfo.spanCount()) {
      throw new ZtocFormatException("zTOC has " + toc.spanDigests().size()
          + " span digests for " + zinfo.spanCount() + " spans");
    }
  }

  /**
   * Spec 4.5: the bytes before span 0 must be a gzip header that ends exactly where checkpoint 0 starts. Checked
   * once, before the first gzip extraction, on another thread so that its request overlaps the spans'; the future
   * gives the bytes read for it (0 when there is nothing to check).
   */
  private CompletableFuture<Long> startGzipHeaderCheck() {
    return headerChecked || !(zinfo instanceof GzipZinfo) ? CompletableFuture.completedFuture(0L)
        : Futures.alongside(this::checkGzipHeader);
  }

  private long checkGzipHeader() throws IOException {
    long end = ((GzipZinfo) zinfo).checkpoints().get(0).compressedOffset();
    if (end <= 0 || end > 65536 + 1024) {
      throw new IOException("checkpoint 0 starts at compressed offset " + end + ", which cannot follow a gzip "
          + "header");
    }
    byte[] header = source.read(0, (int) end);
    long[] parsed = {-1};
    GzipInflater probe = GzipInflater.gzip(new java.io.ByteArrayInputStream(header));
    probe.setBoundaryListener((inf, b) -> {
      if (parsed[0] < 0) {
        parsed[0] = b.compressedOffset();
      }
    });
    try {
      probe.read();
    } catch (dev.sociscope.core.gzip.GzipFormatException e) {
      if (parsed[0] < 0) {
        throw new IOException("the layer does not start with a valid gzip header: " + e.getMessage(), e);
      }
    }
    if (parsed[0] != end) {
      throw new IOException("the layer's gzip header is " + parsed[0] + " bytes, but checkpoint 0 says " + end);
    }
    headerChecked = true;
    return header.length;
  }

  /**
   * Cleans a path for comparison: {@code /etc/passwd}, {@code etc/passwd}, {@code ./etc/passwd} and
   * {@code etc//passwd/} are all {@code etc/passwd}. {@code ..} is resolved lexically and cannot climb above the root.
   */
  public static String normalize(String path) {
    return TarPaths.normalize(path);
  }

  /** All entries with this path, in tar order. */
  public List<FileMetadata> findAll(String path) {
    List<FileMetadata> out = new ArrayList<>();
    for (TocEntry e : toc.entriesAt(normalize(path))) {
      out.add(e.metadata());
    }
    return List.copyOf(out);
  }

  /**
   * The entry a file system would show for this path: the last one with that name (a later entry replaces an
   * earlier one). Upstream's {@code ExtractFile} takes the first instead; use {@link #findAll} for every copy.
   */
  public Optional<FileMetadata> find(String path) {
    List<FileMetadata> all = findAll(path);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * The entry whose data starts at this uncompressed offset (how the runtime addresses duplicates).
   *
   * @throws IllegalStateException when built from a lookup rather than a parsed zTOC
   */
  public Optional<FileMetadata> findByOffset(long uncompressedOffset) {
    if (ztoc == null) {
      throw new IllegalStateException("findByOffset needs the parsed zTOC");
    }
    List<FileMetadata> files = ztoc.files();
    int lo = 0;
    int hi = files.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long o = files.get(mid).uncompressedOffset();
      if (o < uncompressedOffset) {
        lo = mid + 1;
      } else if (o > uncompressedOffset) {
        hi = mid - 1;
      } else {
        // header-only entries can share an offset with the next entry; prefer one that has data
        int first = mid;
        while (first > 0 && files.get(first - 1).uncompressedOffset() == o) {
          first--;
        }
        for (int i = first; i < files.size() && files.get(i).uncompressedOffset() == o; i++) {
          if (files.get(i).type() == EntryType.REG) {
            return Optional.of(files.get(i));
          }
        }
        return Optional.of(files.get(first));
      }
    }
    return Optional.empty();
  }

  /** Follows hardlinks to the entry that holds the data; other types are returned as they are. */
  public FileMetadata resolve(FileMetadata entry) throws IOException {
    FileMetadata cur = entry;
    for (int hops = 0; cur.type() == EntryType.HARDLINK; hops++) {
      if (hops > 64) {
        throw new IOException("hardlink '" + entry.name() + "' does not resolve (loop?)");
      }
      // the link's target is the last entry of that name before the link (a later copy would replace it)
      FileMetadata found = null;
      for (FileMetadata f : findAll(cur.linkname())) {
        // equals, not ==: a lookup file hands out a new object for the same entry on every lookup
        if (f.equals(cur) || (found != null && f.uncompressedOffset() >= cur.uncompressedOffset())) {
          break;
        }
        found = f;
      }
      if (found == null) {
        throw new IOException("hardlink '" + cur.name() + "' points to '" + cur.linkname()
            + "', which is not in this layer");
      }
      cur = found;
    }
    return cur;
  }

  /** Extracts the file at {@code path} (hardlinks followed) into {@code out}. */
  public ExtractStats extract(String path, OutputStream out) throws IOException {
    FileMetadata entry = find(path).orElseThrow(() -> new java.io.FileNotFoundException(
        "'" + path + "' is not in this layer's zTOC"));
    return extract(entry, out);
  }

  /** Extracts one entry (for duplicate names, pick the entry; hardlinks are followed). */
  public ExtractStats extract(FileMetadata entry, OutputStream out) throws IOException {
    FileMetadata data = resolve(entry);
    if (data.type() != EntryType.REG) {
      String what = data.type() == EntryType.SYMLINK
          ? "a symlink to '" + data.linkname() + "'"
          : "a " + data.type().wireName() + " entry";
      throw new NotRegularFileException("'" + data.name() + "' is " + what + ", not a regular file; nothing to"
          + " extract");
    }
    long off = data.uncompressedOffset();
    long size = data.uncompressedSize();
    if (size == 0) {
      return new ExtractStats(0, -1, -1, 0, 0, true, false);
    }
    if (off < 0 || size < 0 || off + size > toc.uncompressedArchiveSize()) {
      throw new IOException("entry '" + data.name() + "' claims bytes " + off + "+" + size + ", beyond the "
          + toc.uncompressedArchiveSize() + "-byte archive");
    }
    CompletableFuture<Long> header = startGzipHeaderCheck(); // joined before the first byte is written
    SpanRange range = SpanRange.of(zinfo, off, size);
    int a = range.first();
    int b = range.last();
    long headerBytes;
    SpanStream spans;
    long upstream = SpanRange.headerBytes(zinfo) + range.fetchedBytes(zinfo);
    try {
      SpanBytes lastSpan = new SpanBytes(source, b, zinfo.compressedStart(b), zinfo.compressedEnd(b));
      if (mayStartInsideSpan(data)) {
        byte[] bytes = new MidSpanStart(lastSpan, zinfo, b, spanMap(b), data, toc).read();
        if (bytes != null) {
          headerBytes = Futures.join(header);
          out.write(bytes);
          return new ExtractStats(headerBytes + lastSpan.fetched(), a, b, size, upstream, false, true);
        }
      }
      spans = new SpanStream(range, spanFetch, off + size, lastSpan);
      if (zinfo instanceof GzipZinfo) {
        Checkpoint cp = ((GzipZinfo) zinfo).checkpoints().get(a);
        GzipInflater inflater = GzipInflater.resume(spans, cp.compressedOffset(), cp.bits(),
            cp.uncompressedOffset(), cp.window());
        inflater.stopOutputAt(off + size); // read no compressed byte the file does not need
        skipFully(inflater, off - cp.uncompressedOffset(), data);
        headerBytes = Futures.join(header);
        copy(inflater, out, size, data);
      } else {
        skipFully(spans, off - zinfo.compressedStart(a), data);
        headerBytes = Futures.join(header);
        copy(spans, out, size, data);
      }
    } catch (IOException | RuntimeException e) {
      try {
        Futures.join(header);
      } catch (IOException | RuntimeException bad) {
        if (bad != e) { // e is the header's own error when the join inside the try threw it
          bad.addSuppressed(e);
        }
        throw bad; // a layer that does not start as its zTOC says: that is the error to report
      }
      throw e;
    }
    return new ExtractStats(headerBytes + spans.fetched(), a, b, size, upstream, spans.lastVerified, false);
  }

  /**
   * Whether a read of this resolved entry first tries to inflate from a deflate block inside its span
   * ({@link MidSpanStart}): a gzip layer read {@link SpanFetch#TO_FILE_END}, an entry of the zTOC (not a window of
   * one) small enough and far enough past its span's checkpoint.
   */
  boolean mayStartInsideSpan(FileMetadata data) {
    if (!(zinfo instanceof GzipZinfo) || spanFetch != SpanFetch.TO_FILE_END || data.uncompressedSize() <= 0
        || data.uncompressedSize() > MidSpanStart.MAX_FILE || data.dataEnd() > toc.uncompressedArchiveSize()) {
      return false;
    }
    int span = zinfo.spanOf(data.uncompressedOffset());
    return isTocEntry(data) && MidSpanStart.applies(zinfo, span, data, spanMap(span));
  }

  /** Where offsets of span {@code span} should lie compressed, counting the layer's compressed files one to one. */
  private SpanMap spanMap(int span) {
    if (compressedFiles == null) { // an uncompressed layer's map is exact without them
      compressedFiles = zinfo instanceof TarZinfo ? List.of() : toc.entriesWhere(SpanMap::compressedAlready);
    }
    return SpanMap.of(zinfo, span, compressedFiles);
  }

  /** Whether this is an entry of the zTOC as it stands (not a window of one, which has no tar header of its own). */
  private boolean isTocEntry(FileMetadata f) {
    return toc.entriesAt(normalize(f.name())).stream().anyMatch(e -> e.metadata().equals(f));
  }

  private static void skipFully(InputStream in, long n, FileMetadata f) throws IOException {
    long left = n;
    while (left > 0) {
      long k = in.skip(left);
      if (k <= 0) {
        throw new EOFException("layer data ends before the start of '" + f.name() + "'");
      }
      left -= k;
    }
  }

  private static void copy(InputStream in, OutputStream out, long size, FileMetadata f) throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new EOFException("layer data ends " + left + " bytes before the end of '" + f.name() + "'");
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  /**
   * The compressed bytes of spans a..b as one stream, each whole span verified before any of its bytes are served.
   * Neighbouring spans share a byte when a checkpoint has pending bits; it is served once. With
   * {@link SpanFetch#TO_FILE_END} the last span is fetched in growing windows instead (the first one estimated by
   * {@link SpanMap#firstWindowEnd}) and its digest is checked only when the windows reach its end.
   */
  private final class SpanStream extends InputStream {
    private final SpanRange range;
    private final int last;
    private final boolean partialLast;
    private final long fileEnd;
    private final List<byte[]> prefetched = new ArrayList<>();
    private int next;
    private byte[] cur = new byte[0];
    private int curPos;
    private long servedUpTo;
    /** Where the next window of the last span starts, once the last span is reached; -1 before. */
    private long windowStart = -1;
    private long windowEnd;
    /** The last span's bytes when it is read in part (what a try from inside the span already fetched, too). */
    private final SpanBytes lastSpan;
    private long wholeFetched;
    boolean lastVerified;

    SpanStream(SpanRange range, SpanFetch mode, long fileEnd, SpanBytes lastSpan) throws IOException {
      this.lastSpan = lastSpan;
      this.range = range;
      this.last = range.last();
      this.next = range.first();
      this.fileEnd = fileEnd;
      this.partialLast = mode == SpanFetch.TO_FILE_END;
      this.servedUpTo = zinfo.compressedStart(range.first());
      int wholeUpTo = partialLast ? last - 1 : last;
      long total = wholeUpTo < next ? 0 : zinfo.compressedEnd(wholeUpTo) - zinfo.compressedStart(next);
      if (total <= verifyFirstLimit) {
        for (int i = next; i <= wholeUpTo; i++) {
          prefetched.add(fetch(i));
        }
      }
    }

    private byte[] fetch(int span) throws IOException {
      long start = zinfo.compressedStart(span);
      long end = zinfo.compressedEnd(span);
      SpanBytes.requireUsable(span, start, end);
      byte[] bytes = source.read(start, (int) (end - start));
      wholeFetched += bytes.length;
      String actual = Digest.of(bytes).toString();
      String expected = toc.spanDigests().get(span);
      if (!actual.equals(expected)) {
        throw new SpanDigestException(span, start, end, expected, actual);
      }
      if (span == last) {
        lastVerified = true;
      }
      return bytes;
    }

    /** Compressed bytes fetched: whole spans and the last span's windows. */
    long fetched() {
      return wholeFetched + lastSpan.fetched();
    }

    /**
     * The next window of the last span; the span's digest is checked when the windows reach its end. Bytes already
     * held (a try from inside the span fetched them) are handed out with the window rather than fetched again.
     */
    private byte[] fetchWindow() throws IOException {
      long spanStart = lastSpan.spanStart();
      long spanEnd = lastSpan.spanEnd();
      long end;
      if (windowStart < 0) {
        windowStart = spanStart;
        end = spanMap(last).firstWindowEnd(fileEnd, spanEnd);
      } else {
        long prevStart = windowStart;
        windowStart = windowEnd;
        end = range.nextWindowEnd(zinfo, prevStart, windowEnd);
      }
      end = Math.max(end, lastSpan.hi());
      windowEnd = end;
      byte[] bytes = lastSpan.range(windowStart, end);
      if (end == spanEnd) {
        lastSpan.ensure(spanStart, spanEnd); // the windows have reached the end: the span is held whole
        String actual = Digest.of(lastSpan.held()).toString();
        String expected = toc.spanDigests().get(last);
        if (!actual.equals(expected)) {
          throw new SpanDigestException(last, spanStart, spanEnd, expected, actual);
        }
        lastVerified = true;
      }
      return bytes;
    }

    /** Whether the last span's windows have all been fetched. */
    private boolean lastSpanDone() {
      return windowStart >= 0 && windowEnd >= zinfo.compressedEnd(last);
    }

    private boolean advance() throws IOException {
      while (curPos >= cur.length) {
        long start;
        byte[] bytes;
        if (partialLast && next >= last) {
          if (lastSpanDone()) {
            return false;
          }
          bytes = fetchWindow();
          start = windowStart;
          next = last + 1;
        } else {
          if (next > last) {
            return false;
          }
          start = zinfo.compressedStart(next);
          bytes = prefetched.isEmpty() ? fetch(next) : prefetched.remove(0);
          next++;
        }
        cur = bytes;
        curPos = (int) Math.min(bytes.length, Math.max(0, servedUpTo - start)); // skip the byte shared with the previous span
        servedUpTo = Math.max(servedUpTo, start + bytes.length);
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      return advance() ? cur[curPos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] dst, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!advance()) {
        return -1;
      }
      int n = Math.min(len, cur.length - curPos);
      System.arraycopy(cur, curPos, dst, off, n);
      curPos += n;
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      if (n <= 0 || !advance()) {
        return 0;
      }
      int k = (int) Math.min(n, cur.length - curPos);
      curPos += k;
      return k;
    }
  }
}
