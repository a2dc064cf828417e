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
  private BoundedBlobRead() {}

  static byte[] read(ImageSource source, Digest digest, long size, BlobKind kind) throws IOException {
    String what = kind.label() + " " + digest + " in " + source.describe();
    if (size > kind.ceiling()) {
      throw new CorruptInputException(what + " is " + size + " bytes by its descriptor, more than the "
          + mib(kind.ceiling()) + " sociscope reads for a " + kind.label());
    }
    long max = size >= 0 ? size : kind.ceiling();
    try (InputStream in = source.openBlob(digest)) {
      byte[] bytes = in.readNBytes((int) max + 1); // max <= ceiling < 2 GiB
      if (bytes.length > max) {
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

  private static String mib(long bytes) {
    return (bytes >> 20) + " MiB";
  }
}
