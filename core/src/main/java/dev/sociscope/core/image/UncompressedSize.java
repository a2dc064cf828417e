package dev.sociscope.core.image;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.MediaType.Compression;
import java.io.IOException;

/**
 * A layer's uncompressed size without downloading it: a plain tar is its own size; a gzip layer ends with ISIZE,
 * its uncompressed length modulo 2^32 (RFC 1952), read with one 4-byte range request. For layers over 4 GiB the
 * smallest value not below the compressed size is taken, since deflate rarely shrinks data below that.
 */
public final class UncompressedSize {
  private UncompressedSize() {}

  /**
   * The size and whether it was read (true) or only guessed from the compressed size (false).
   *
   * @param bytes uncompressed bytes
   * @param exact read from the layer (tar size or gzip trailer) rather than assumed equal to the compressed size
   */
  public record Estimate(long bytes, boolean exact) {}

  /** For layers SOCI can index (gzip, tar); other layers get the compressed size, not exact. */
  public static Estimate of(ImageSource source, Descriptor layer) {
    Compression c = MediaType.isLayer(layer.mediaType()) ? MediaType.compressionOf(layer.mediaType())
        : Compression.UNSUPPORTED;
    if (c == Compression.UNCOMPRESSED || c == Compression.UNKNOWN) {
      return new Estimate(layer.size(), true);
    }
    if (c != Compression.GZIP || layer.size() < 18) {
      return new Estimate(layer.size(), false);
    }
    try {
      byte[] trailer = source.readBlobRange(layer.digest(), layer.size() - 4, 4);
      long isize = (trailer[0] & 0xffL) | (trailer[1] & 0xffL) << 8 | (trailer[2] & 0xffL) << 16
          | (trailer[3] & 0xffL) << 24;
      long bytes = isize;
      while (bytes < layer.size()) {
        bytes += 1L << 32;
      }
      return new Estimate(bytes, true);
    } catch (IOException e) {
      return new Estimate(layer.size(), false); // a registry without range support: estimate from the size
    }
  }
}
