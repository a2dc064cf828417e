package dev.sociscope.core.image;

import dev.sociscope.core.error.CorruptInputException;
import dev.sociscope.core.oci.Digest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a whole blob into memory with a bound: at most the size its descriptor gives (one byte more is read to
 * notice a longer body) and never more than its kind's ceiling. A body longer or shorter than the descriptor is a
 * {@link CorruptInputException} naming both sizes; the digest is verified by the source's stream at its end.
 */
final class BoundedBlobRead {
  /**
   * The most allocated before any byte arrives: a blob whose descriptor says more is gathered as it comes, so that a
   * descriptor lying about its size up to a kind's ceiling (256 MiB for a zTOC) costs no more memory than the body.
   */
  private static final long UPFRONT = 32L << 20;
  private BoundedBlobRead() {}

  static byte[] read(ImageSource source, Digest digest, long size, BlobKind kind) throws IOException {
    String what = kind.label() + " " + digest + " in " + source.describe();
    if (size > kind.ceiling()) {
      throw new CorruptInputException(what + " is " + size + " bytes by its descriptor, more than the "
          + mib(kind.ceiling()) + " sociscope reads for a " + kind.label());
    }
    long max = size >= 0 ? size : kind.ceiling();
    try (InputStream in = source.openBlob(digest)) {
      // max <= ceiling < 2 GiB
      byte[] bytes = size >= 0 && size <= UPFRONT ? readExactly(in, (int) size) : in.readNBytes((int) max + 1);
      if (bytes == null || bytes.length > max) {
        throw new CorruptInputException(size >= 0
            ? what + " is longer than the " + size + " bytes its descriptor says"
            : what + " is larger than the " + mib(kind.ceiling()) + " sociscope reads for a " + kind.label());
      }
      if (size >= 0 && bytes.length < size) {
        throw new CorruptInputException(what + " ended after " + bytes.length + " of the " + size
            + " bytes its descriptor says");
      }
      return bytes;
    }
  }

  /**
   * The {@code size} bytes a descriptor gives, read into one array of that size (readNBytes would gather them in
   * chunks and copy them once more), or fewer when the body ends early; null when it goes on past them. Reading to
   * the end is what makes the source's stream verify the digest.
   */
  private static byte[] readExactly(InputStream in, int size) throws IOException {
    byte[] bytes = new byte[size];
    int n = in.readNBytes(bytes, 0, size);
    if (n < size) {
      return java.util.Arrays.copyOf(bytes, n);
    }
    return in.read() < 0 ? bytes : null;
  }

  private static String mib(long bytes) {
    return (bytes >> 20) + " MiB";
  }
}
