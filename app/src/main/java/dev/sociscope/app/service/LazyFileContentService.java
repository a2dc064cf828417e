package dev.sociscope.app.service;

import dev.sociscope.app.common.Progress;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.core.io.AtomicFiles;
import dev.sociscope.core.extract.LazyExtractor;
import dev.sociscope.core.extract.RangeRead;
import dev.sociscope.core.extract.SpanFetch;
import dev.sociscope.core.extract.SpanRange;
import dev.sociscope.app.model.LayerSource;
import dev.sociscope.core.extract.RandomAccessSource;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;

/**
 * Reads file contents with core's {@link LazyExtractor}: only the spans holding the file are read from the layer,
 * each checked against its digest. Progress counts layer bytes fetched against the bytes of those spans.
 */
public final class LazyFileContentService implements FileContentService {

  @Override
  public ContentWindow read(ZtocDocument document, FileNode file, long from, int length, Progress progress)
      throws Exception {
    FileMetadata entry = requireRegular(file);
    if (from < 0 || length < 0) {
      throw new IllegalArgumentException("bad byte range " + from + "+" + length);
    }
    long start = Math.min(from, entry.uncompressedSize());
    long n = Math.min(length, entry.uncompressedSize() - start);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream((int) n);
    long fetched;
    try (OutputStream out = new LimitedOutput(buffer, n, progress)) {
      fetched = extract(document, file, entry, out, progress, start, n); // only the spans of the bytes shown
    }
    return new ContentWindow(start, buffer.toByteArray(), entry.uncompressedSize(), fetched);
  }

  @Override
  public void save(ZtocDocument document, FileNode file, Path target, Progress progress) throws Exception {
    FileMetadata entry = requireRegular(file);
    // only a regular file is replaced (never a link, FIFO or device); the file gets the entry's mode bits
    AtomicFiles.write(target, raw -> {
      try (OutputStream out = new LimitedOutput(raw, Long.MAX_VALUE, progress)) {
        extract(document, file, entry, out, progress, 0, entry.uncompressedSize());
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(e.getMessage(), e);
      }
      return null;
    }, r -> entry.mode(), false);
  }

  /**
   * Extracts bytes {@code [from, from + length)} of {@code entry} (within the file) through core's
   * {@link RangeRead}; returns the layer bytes fetched.
   */
  private static long extract(ZtocDocument document, FileNode file, FileMetadata entry, OutputStream out,
      Progress progress, long from, long length) throws Exception {
    LayerSource layer = document.layer()
        .orElseThrow(() -> new IOException("no layer file is attached to this zTOC; use File > Attach layer file"));
    long needed = 0;
    if (file.hasData() && length > 0) {
      // at most what whole spans cost (core's one rule for the spans a read fetches), gzip header included
      SpanRange spans = SpanRange.of(document.zinfo(), entry.uncompressedOffset() + from, length);
      needed = SpanRange.headerBytes(document.zinfo()) + spans.fetchedBytes(document.zinfo());
    }
    try (CountingSource source = new CountingSource(layer.open(), progress, needed)) {
      LazyExtractor extractor = new LazyExtractor(document.ztoc(), source, SpanFetch.TO_FILE_END);
      if (from == 0 && length >= entry.uncompressedSize()) {
        extractor.extract(entry, out);
      } else {
        RangeRead.extract(extractor, entry, from, length, out);
      }
      return source.fetched.get();
    }
  }

  /** Reports every ranged read as "fetched X of Y" and stops when the user cancels. */
  private static final class CountingSource implements RandomAccessSource {
    private final RandomAccessSource delegate;
    private final Progress progress;
    private final long needed;
    private final java.util.concurrent.atomic.AtomicLong fetched = new java.util.concurrent.atomic.AtomicLong();

    CountingSource(RandomAccessSource delegate, Progress progress, long needed) {
      this.delegate = delegate;
      this.progress = progress;
      this.needed = needed;
    }

    @Override
    public long size() throws IOException {
      return delegate.size();
    }

    @Override
    public byte[] read(long offset, int length) throws IOException {
      progress.checkCancelled();
      byte[] bytes = delegate.read(offset, length);
      long sum = fetched.addAndGet(bytes.length); // the gzip header is read alongside the spans
      progress.transferred(sum);
      progress.update(sum, Math.max(needed, sum));
      return bytes;
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }

  /** Passes bytes on, checks for cancel on every write, and refuses more bytes than the window asked for. */
  private static final class LimitedOutput extends OutputStream {
    private final OutputStream out;
    private final long limit;
    private final Progress progress;
    private long written;

    LimitedOutput(OutputStream out, long limit, Progress progress) {
      this.out = out;
      this.limit = limit;
      this.progress = progress;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (progress.isCancelled()) {
        throw new CancellationException();
      }
      if (len > limit - written) {
        throw new IOException("read " + (written + len) + " bytes where " + limit + " were asked for");
      }
      out.write(b, off, len);
      written += len;
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  static FileMetadata requireRegular(FileNode file) {
    FileMetadata entry = file.entry();
    if (entry == null || entry.type() != EntryType.REG) {
      throw new IllegalArgumentException(file.displayPath() + " is not a regular file, so it has no content");
    }
    return entry;
  }
}
