package dev.sociscope.core.ztoc;

/** What a zTOC that passed {@link ZtocReader} promises its users: spans and files that fit together. */
final class ZtocGeometry {
  private ZtocGeometry() {}

  static void check(Ztoc ztoc, Zinfo zinfo) {
    int max = zinfo.maxSpanId();
    if (ztoc.compressionInfo().spanDigests().size() != max + 1) {
      throw new AssertionError("span digests do not match the spans: " + max);
    }
    for (int s = 0; s <= max; s++) {
      if (zinfo.compressedStart(s) < 0 || zinfo.compressedEnd(s) < zinfo.compressedStart(s)
          || zinfo.compressedEnd(s) > ztoc.compressedArchiveSize()) {
        throw new AssertionError("span " + s + " is outside the blob: " + zinfo.compressedStart(s) + ".."
            + zinfo.compressedEnd(s) + " of " + ztoc.compressedArchiveSize());
      }
    }
    for (FileMetadata f : ztoc.files()) {
      if (f.uncompressedSize() == 0) {
        continue;
      }
      long end = f.uncompressedOffset() + f.uncompressedSize();
      if (end < 0 || end > ztoc.uncompressedArchiveSize()) {
        throw new AssertionError("file " + f.name() + " ends at " + end + ", past the archive");
      }
      int first = zinfo.spanOf(f.uncompressedOffset());
      int last = zinfo.spanOf(end - 1);
      if (first < 0 || last < first || last > max) {
        throw new AssertionError("file " + f.name() + " maps to spans " + first + ".." + last + " of 0.." + max);
      }
    }
  }
}
