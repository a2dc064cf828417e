package dev.sociscope.core.image;

import dev.sociscope.core.extract.RandomAccessSource;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.error.CorruptInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One blob of an {@link ImageSource} as a {@link RandomAccessSource} for lazy extraction: every read is a range
 * read (an HTTP {@code Range} request for registries, a file region on disk). Counts the bytes that arrived for
 * them ({@link ReceivedBytes}) and the requests made.
 */
public final class BlobRandomAccess implements RandomAccessSource {
  private final ImageSource source;
  private final Digest digest;
  private long size = -1;
  private final AtomicLong fetched = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private volatile boolean rangeIgnored;

  private BlobRandomAccess(ImageSource source, Digest digest, long size) {
    this.source = source;
    this.digest = digest;
    this.size = size;
  }

  /** The blob; its size is asked for (HEAD) when first needed. */
  public static BlobRandomAccess of(ImageSource source, Digest digest) {
    return new BlobRandomAccess(source, digest, -1);
  }

  /** The blob with a size already known (from its descriptor). */
  public static BlobRandomAccess of(ImageSource source, Digest digest, long size) {
    return new BlobRandomAccess(source, digest, size);
  }

  @Override
  public synchronized long size() throws IOException {
    if (size < 0) {
      size = source.blobSize(digest);
    }
    return size;
  }

  @Override
  public byte[] read(long offset, int length) throws IOException {
    if (length == 0) {
      return new byte[0];
    }
    requests.incrementAndGet();
    try (InputStream in = source.openBlobRange(digest, offset, length)) {
      byte[] bytes = in.readNBytes(length);
      // what arrived: a registry that ignores Range sends the bytes before the range too
      long arrived = in instanceof ReceivedBytes r ? Math.max(bytes.length, r.bytesReceived()) : bytes.length;
      fetched.addAndGet(arrived);
      if (in instanceof ReceivedBytes r && r.rangeIgnored()) {
        rangeIgnored = true;
      }
      if (bytes.length != length) {
        throw new CorruptInputException("Read of " + length + " bytes at offset " + offset + " of blob " + digest
            + " in " + source.describe() + " ended after " + bytes.length + " bytes");
      }
      return bytes;
    }
  }

  /** Bytes received so far through this object: what arrived, which can be more than what was asked for. */
  public long bytesFetched() {
    return fetched.get();
  }

  /** Range requests made so far. */
  public long requests() {
    return requests.get();
  }

  /** Whether the source answered a range request with the whole blob (the registry does not support ranges). */
  public boolean rangeIgnored() {
    return rangeIgnored;
  }
}
