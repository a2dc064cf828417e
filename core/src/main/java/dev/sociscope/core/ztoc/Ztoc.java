package dev.sociscope.core.ztoc;

import java.util.List;

/**
 * A zTOC: the table of contents of one layer plus the zInfo needed to start inflating at any span (spec 4).
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

  public Ztoc {
    files = List.copyOf(files);
  }
}
