package dev.sociscope.core.workflow;

import dev.sociscope.core.extract.RandomAccessSource;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.oci.Digest;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A layer blob read by ranges: HTTP {@code Range} requests for a registry, positioned reads for a layout. Counts
 * bytes and requests so callers can report what a read cost. Integrity comes from the span digests the
 * {@link dev.sociscope.core.extract.LazyExtractor} checks.
 */
public final class BlobRangeSource implements RandomAccessSource {
  private final ImageSource source;
  private final Digest digest;
  private final long size;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicInteger requests = new AtomicInteger();

  public BlobRangeSource(ImageSource source, Digest digest, long size) {
    this.source = source;
    this.digest = digest;
    this.size = size;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public byte[] read(long offset, int length) throws IOException {
    if (offset < 0 || length < 0 || offset + length > size) {
      throw new IOException("range " + offset + "+" + length + " is outside blob " + digest + " (" + size
          + " bytes)");
    }
    requests.incrementAndGet();
    byte[] b = source.readBlobRange(digest, offset, length);
    bytes.addAndGet(b.length);
    return b;
  }

  public long bytesFetched() {
    return bytes.get();
  }

  public int requests() {
    return requests.get();
  }
}
