package dev.sociscope.core.image;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.error.NotFoundException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where images are read from: a registry repository or an image on disk (OCI layout, oci-archive, docker-archive).
 * Everything returned is verified against its digest (ranges excepted: they are checked by span digests).
 */
public interface ImageSource extends Closeable {
  /** A short name for messages ({@code 127.0.0.1:5000/app}, {@code oci:/tmp/layout}). */
  String describe();

  /** The manifest or index for a tag or a digest ({@code sha256:...}); {@link NotFoundException} when missing. */
  OciDocument manifest(String reference) throws IOException;

  default Optional<OciDocument> findManifest(String reference) throws IOException {
    try {
      return Optional.of(manifest(reference));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** The whole blob as a stream; reading it to the end verifies the digest (else DigestMismatchException). */
  InputStream openBlob(Digest digest) throws IOException;

  /** {@code length} bytes of the blob from {@code offset}. */
  InputStream openBlobRange(Digest digest, long offset, long length) throws IOException;

  default byte[] readBlobRange(Digest digest, long offset, int length) throws IOException {
    try (InputStream in = openBlobRange(digest, offset, length)) {
      byte[] bytes = in.readNBytes(length);
      if (bytes.length != length) {
        throw new dev.sociscope.core.error.CorruptInputException("Read of " + length + " bytes at offset " + offset
            + " of blob " + digest + " in " + describe() + " ended after " + bytes.length + " bytes");
      }
      return bytes;
    }
  }


  /**
   * A whole blob of unknown size, read into memory up to {@link BlobKind#OTHER}'s ceiling (a larger one is a
   * typed error, not an out-of-memory); prefer {@link #readBlob(Descriptor, BlobKind)} when a descriptor gives the
   * size.
   */
  default byte[] readBlob(Digest digest) throws IOException {
    return BoundedBlobRead.read(this, digest, -1, BlobKind.OTHER);
  }

  /**
   * The whole blob a descriptor names, read into memory: at most the descriptor's size and the kind's ceiling; a
   * body longer or shorter than the descriptor says is refused with a one-line {@code CorruptInputException}, and
   * the digest is verified.
   */
  default byte[] readBlob(Descriptor descriptor, BlobKind kind) throws IOException {
    return BoundedBlobRead.read(this, descriptor.digest(), descriptor.size(), kind);
  }

  /** The size of a blob; {@link NotFoundException} when missing. */
  long blobSize(Digest digest) throws IOException;

  /** The tags (names) this source knows, in the source's order. */
  List<String> tags() throws IOException;

  /**
   * Descriptors of manifests whose {@code subject} is {@code subject}, filtered by {@code artifactType} when not
   * null (registries: referrers API, else the {@code sha256-<hex>} fallback tag; disk: a scan).
   */
  List<Descriptor> referrers(Digest subject, String artifactType) throws IOException;

  /**
   * As {@link #referrers}, saying when the listing was cut short (registries cap pages and entries); sources that
   * always list everything keep this default.
   */
  default ReferrerListing referrerListing(Digest subject, String artifactType) throws IOException {
    return ReferrerListing.complete(referrers(subject, artifactType));
  }

  @Override
  default void close() throws IOException {}
}
