package dev.sociscope.core.extract;

import dev.sociscope.core.io.SliceOutputStream;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Reads bytes {@code [from, from + length)} of one file through a {@link LazyExtractor}: only the spans holding that
 * window are fetched (and verified), not every span of the file. A preview of a large file shows its first screenful
 * this way and fetches more as the user scrolls: the window is the file's entry narrowed to those bytes. A small file
 * deep in its span is read whole instead, from a deflate block near it ({@link MidSpanStart}: its tar header places
 * the output), and cut to the window: that costs about the file's own share of the span rather than everything
 * from the span's checkpoint to the window.
 */
public final class RangeRead {
  private RangeRead() {}

  /**
   * Writes the window (cut to the file's end) to {@code out}; hardlinks are followed. {@code bytesWritten} of the
   * result is the window's length.
   */
  public static ExtractStats extract(LazyExtractor extractor, FileMetadata entry, long from, long length,
      OutputStream out) throws IOException {
    if (from < 0 || length < 0) {
      throw new IllegalArgumentException("bad byte range " + from + "+" + length);
    }
    FileMetadata data = extractor.resolve(entry);
    if (data.type() != EntryType.REG) {
      return extractor.extract(data, out); // says why there is nothing to read
    }
    long start = Math.min(from, data.uncompressedSize());
    long n = Math.min(length, data.uncompressedSize() - start);
    if (n > 0 && n < data.uncompressedSize() && extractor.mayStartInsideSpan(data)) {
      ExtractStats s = extractor.extract(data, new SliceOutputStream(out, start, n));
      return new ExtractStats(s.compressedBytesRead(), s.firstSpan(), s.lastSpan(), n, s.wholeSpanBytes(),
          s.allVerified(), s.startedInsideSpan());
    }
    return extractor.extract(window(data, start, n), out);
  }

  /** The entry narrowed to {@code n} bytes starting {@code start} bytes into its data. */
  static FileMetadata window(FileMetadata f, long start, long n) {
    return new FileMetadata(f.name(), f.type(), f.uncompressedOffset() + start, n, f.linkname(), f.mode(), f.uid(),
        f.gid(), f.uname(), f.gname(), f.modTime(), f.devmajor(), f.devminor(), f.paxRecords());
  }
}
