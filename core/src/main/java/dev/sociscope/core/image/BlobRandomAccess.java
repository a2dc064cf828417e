package dev.sociscope.core.image;

import dev.sociscope.core.extract.RandomAccessSource;
import dev.sociscope.core.oci.Digest;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One blob of an {@link ImageSource} as a {@link RandomAccessSource} for lazy extraction: every read is a range
 * read (an HTTP {@code Range} request for registries, a file region on disk). Counts the bytes it fetched.
 */
public final class BlobRandomAccess implements RandomAccessSource {
  private final ImageSource source;
  private final Digest digest;
  private long size = -1;
  private final AtomicLong fetched = new AtomicLong();

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
    byte[] bytes = source.readBlobRange(digest, offset, length);
    fetched.addAndGet(bytes.length);
    return bytes;
  }

  /** Bytes read so far through this object. */
  public long bytesFetched() {
    return fetched.get();
  }
}
