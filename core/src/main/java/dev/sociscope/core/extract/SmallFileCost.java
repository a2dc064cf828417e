package dev.sociscope.core.extract;

import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocFormatException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * What reading every small file of a layer lazily costs, each read on its own (a fresh extractor per file, so the
 * gzip header check counts every time, as it does for a one-file {@code get}): compressed bytes fetched with whole
 * spans (the upstream runtime) against {@link SpanFetch#TO_FILE_END}, every file's bytes compared between the two.
 *
 * @param files regular files under the size limit that were read
 * @param wholeSpanBytes total compressed bytes of the whole-span reads
 * @param partialBytes total compressed bytes of the partial reads
 * @param startedInsideSpan partial reads that inflated from a deflate block inside the span, not its checkpoint
 */
public record SmallFileCost(int files, long wholeSpanBytes, long partialBytes, int startedInsideSpan) {

  /** Partial bytes as a share of whole-span bytes (the mean over files, weighted by their whole-span cost). */
  public double ratio() {
    return wholeSpanBytes == 0 ? 0 : (double) partialBytes / wholeSpanBytes;
  }

  /** Reads every non-empty regular file smaller than {@code limit} both ways; an error if any byte differs. */
  public static SmallFileCost measure(Ztoc ztoc, RandomAccessSource layer, long limit) throws IOException {
    int n = 0;
    long whole = 0;
    long partial = 0;
    int inside = 0;
    for (FileMetadata f : ztoc.files()) {
      if (f.type() != EntryType.REG || f.uncompressedSize() == 0 || f.uncompressedSize() >= limit) {
        continue;
      }
      DigestingSink a = new DigestingSink();
      DigestingSink b = new DigestingSink();
      whole += extractor(ztoc, layer, SpanFetch.WHOLE).extract(f, a).compressedBytesRead();
      ExtractStats s = extractor(ztoc, layer, SpanFetch.TO_FILE_END).extract(f, b);
      partial += s.compressedBytesRead();
      inside += s.startedInsideSpan() ? 1 : 0;
      if (!java.util.Arrays.equals(a.digest(), b.digest())) {
        throw new IOException("'" + f.name() + "' reads differently with partial spans");
      }
      n++;
    }
    return new SmallFileCost(n, whole, partial, inside);
  }

  private static LazyExtractor extractor(Ztoc z, RandomAccessSource s, SpanFetch mode) throws IOException {
    try {
      return new LazyExtractor(z, s, mode);
    } catch (ZtocFormatException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static final class DigestingSink extends OutputStream {
    private final java.security.MessageDigest md = dev.sociscope.core.oci.Digest.sha256();

    @Override
    public void write(int b) {
      md.update((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      md.update(b, off, len);
    }

    byte[] digest() {
      return md.digest();
    }
  }
}
