package dev.sociscope.core.ztoc.lookup;

import dev.sociscope.core.tar.TarPaths;
import dev.sociscope.core.ztoc.FileMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The entries of one layer by cleaned path. */
public interface NameLookup {

  /**
   * The entries whose name, cleaned by {@link TarPaths#normalize}, is {@code path} (already cleaned), in tar order;
   * empty when there are none.
   */
  List<TocEntry> entriesAt(String path);

  /** A lookup over entries in memory (in tar order), indexed on first use. */
  static NameLookup of(List<FileMetadata> entries) {
    return new NameLookup() {
      private Map<String, List<TocEntry>> byPath;

      @Override
      public List<TocEntry> entriesAt(String path) {
        if (byPath == null) {
          Map<String, List<TocEntry>> index = new HashMap<>();
          for (int i = 0; i < entries.size(); i++) {
            FileMetadata f = entries.get(i);
            index.computeIfAbsent(TarPaths.normalize(f.name()), k -> new ArrayList<>(1)).add(new TocEntry(i, f));
          }
          byPath = index;
        }
        return byPath.getOrDefault(path, List.of());
      }
    };
  }
}
