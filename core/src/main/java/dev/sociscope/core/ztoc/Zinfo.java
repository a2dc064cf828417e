package dev.sociscope.core.ztoc;

/**
 * Decoded checkpoint data of a zTOC together with the archive sizes, which is all that span geometry needs
 * (spec 5.3 and 5.6). Span {@code i} runs from checkpoint {@code i} to checkpoint {@code i+1} or the end.
 */
public sealed interface Zinfo permits GzipZinfo, TarZinfo, Zinfo.Estimate {

  /** Geometry computed rather than decoded (what-if estimates); never read from or written to a zTOC. */
  non-sealed interface Estimate extends Zinfo {}

  /** The span size the zTOC was built with (from the checkpoint blob header or TarZinfo). */
  long spanSize();

  /** Number of spans derived from the checkpoint data. */
  int spanCount();

  /** {@code spanCount() - 1}: the id of the last span, which upstream stores as {@code max_span_id}. */
  default int maxSpanId() {
    return spanCount() - 1;
  }

  /** First compressed byte of span {@code i} (inclusive), the shared overlap byte included. */
  long compressedStart(int span);

  /** End of span {@code i} in the compressed blob (exclusive); the blob size for the last span. */
  long compressedEnd(int span);

  long uncompressedStart(int span);

  /** End of span {@code i} in the tar stream (exclusive); {@code uncompressed_archive_size} for the last span. */
  long uncompressedEnd(int span);

  /** The span holding uncompressed offset {@code offset}: the largest {@code i} with start(i) <= offset. */
  int spanOf(long offset);

  /** Decodes the checkpoint bytes stored in {@code info} (in place: they are never modified). */
  static Zinfo parse(CompressionInfo info, long compressedArchiveSize, long uncompressedArchiveSize)
      throws ZtocFormatException {
    return info.decode(compressedArchiveSize, uncompressedArchiveSize);
  }

  /**
   * Decodes {@code length} checkpoint bytes of {@code algorithm} at {@code offset} of {@code bytes}, which must not
   * change afterwards: a gzip zinfo reads each window from them when its checkpoint is first taken.
   */
  static Zinfo decode(CompressionAlgorithm algorithm, byte[] bytes, int offset, int length,
      long compressedArchiveSize, long uncompressedArchiveSize) throws ZtocFormatException {
    return switch (algorithm) {
      case GZIP -> GzipZinfo.decode(bytes, offset, length, compressedArchiveSize, uncompressedArchiveSize);
      case UNCOMPRESSED -> TarZinfo.decode(java.util.Arrays.copyOfRange(bytes, offset, offset + length),
          compressedArchiveSize, uncompressedArchiveSize);
    };
  }

  static Zinfo of(Ztoc ztoc) throws ZtocFormatException {
    return parse(ztoc.compressionInfo(), ztoc.compressedArchiveSize(), ztoc.uncompressedArchiveSize());
  }
}
