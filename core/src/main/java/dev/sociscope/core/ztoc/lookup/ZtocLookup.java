package dev.sociscope.core.ztoc.lookup;

import dev.sociscope.core.tar.TarPaths;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.Zinfo;
import java.util.List;
import java.util.function.Predicate;

/** What a lazy read of one file needs from a layer's zTOC: its entries by path and the spans to fetch them. */
public interface ZtocLookup extends NameLookup {

  /** The decoded checkpoint data (span geometry). */
  Zinfo zinfo();

  /** The span digests, one per span, as stored ({@code sha256:...}). */
  List<String> spanDigests();

  /** The size of the uncompressed tar stream. */
  long uncompressedArchiveSize();

  /**
   * The entries whose cleaned path passes {@code test}, in tar order: a pass over every path, decoding only the
   * entries that pass.
   */
  List<FileMetadata> entriesWhere(Predicate<String> test);

  /** The lookup of a parsed zTOC; {@code zinfo} is its decoded checkpoint data ({@link Zinfo#of}). */
  static ZtocLookup of(Ztoc ztoc, Zinfo zinfo) {
    NameLookup names = NameLookup.of(ztoc.files());
    return new ZtocLookup() {
      @Override
      public List<TocEntry> entriesAt(String path) {
        return names.entriesAt(path);
      }

      @Override
      public Zinfo zinfo() {
        return zinfo;
      }

      @Override
      public List<String> spanDigests() {
        return ztoc.compressionInfo().spanDigests();
      }

      @Override
      public long uncompressedArchiveSize() {
        return ztoc.uncompressedArchiveSize();
      }

      @Override
      public List<FileMetadata> entriesWhere(Predicate<String> test) {
        return ztoc.files().stream().filter(f -> test.test(TarPaths.normalize(f.name()))).toList();
      }
    };
  }
}
