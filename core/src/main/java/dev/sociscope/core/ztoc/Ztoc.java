package dev.sociscope.core.ztoc;

import java.util.List;

/**
 * A zTOC: the table of contents of one layer plus the zInfo needed to start inflating at any span (spec 4).
 * {@link ZtocReader} and {@link ZtocWriter} convert it from and to the FlatBuffer bytes.
 *
 * @param files the TOC entries in tar order (sorted by uncompressed offset)
 */
public record Ztoc(
    String version,
    String buildToolIdentifier,
    long compressedArchiveSize,
    long uncompressedArchiveSize,
    List<FileMetadata> files,
    CompressionInfo compressionInfo) {

  /** The zTOC version upstream writes today. */
  public static final String CURRENT_VERSION = "0.9";

  /** Size of a tar block. */
  public static final int TAR_BLOCK_SIZE = 512;

  public Ztoc {
    files = List.copyOf(files);
  }

  /**
   * Where the header blocks of entry {@code index} begin in the tar stream (derived, not stored; spec 4.2): 0 for
   * the first entry, otherwise the end of the previous entry's data rounded up to a 512-byte block. The region
   * {@code [tarHeaderOffset(i), files.get(i).uncompressedOffset())} holds the entry's complete header sequence
   * (PAX and GNU extension headers included). {@link ZtocReader} guarantees it never passes the data offset.
   */
  public long tarHeaderOffset(int index) {
    return index == 0 ? 0 : alignToTarBlock(files.get(index - 1).dataEnd());
  }

  /** Rounds {@code offset} up to a multiple of 512. */
  public static long alignToTarBlock(long offset) {
    long rem = offset % TAR_BLOCK_SIZE;
    return rem == 0 ? offset : offset + (TAR_BLOCK_SIZE - rem);
  }
}
