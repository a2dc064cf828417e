package dev.sociscope.core.image;

import dev.sociscope.core.oci.Digest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A manifest or index exactly as received: its bytes, the media type the source declared (Content-Type, or the
 * descriptor/{@code mediaType} field on disk) and the digest of the bytes (verified by the source).
 */
public record FetchedManifest(byte[] bytes, String mediaType, Digest digest) {
  public FetchedManifest {
    Objects.requireNonNull(bytes, "bytes == null");
    Objects.requireNonNull(mediaType, "mediaType == null");
    Objects.requireNonNull(digest, "digest == null");
  }

  /** Wraps bytes, computing their digest. */
  public static FetchedManifest of(byte[] bytes, String mediaType) {
    return new FetchedManifest(bytes, mediaType, Digest.of(bytes));
  }

  public long size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FetchedManifest m && m.mediaType.equals(mediaType) && m.digest.equals(digest)
        && Arrays.equals(m.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return "FetchedManifest[" + mediaType + ", " + digest + ", " + bytes.length + " bytes]";
  }
}
