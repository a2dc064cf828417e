package dev.sociscope.core.tar;

import dev.sociscope.core.ztoc.FileMetadata;

/**
 * One tar entry as the zTOC records it, plus where its header sequence started.
 *
 * @param headerOffset stream position of the entry's first header block (extension headers included)
 */
public record TarEntry(FileMetadata metadata, long headerOffset) {}
