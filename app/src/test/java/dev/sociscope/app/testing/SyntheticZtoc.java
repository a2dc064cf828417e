package dev.sociscope.app.testing;

import dev.sociscope.core.ztoc.CompressionAlgorithm;
import dev.sociscope.core.ztoc.CompressionInfo;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.TarZinfo;
import dev.sociscope.core.ztoc.Ztoc;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Builds zTOC models without a layer: an uncompressed-tar zTOC with any number of entries, for scale tests. */
public final class SyntheticZtoc {
  private SyntheticZtoc() {}

  /** {@code count} regular files of 1..4096 bytes spread over 100 folders of 10 subfolders each. */
  public static Ztoc wide(int count, long spanSize) {
    List<FileMetadata> files = new ArrayList<>(count + 1100);
    long offset = 0;
    for (int d = 0; d < 100; d++) {
      for (int s = 0; s < 10; s++) {
        offset += 512;
        files.add(entry("usr/d" + d + "/s" + s + "/", EntryType.DIR, offset, 0));
      }
    }
    for (int i = 0; i < count; i++) {
      long size = 1 + (i * 7919L) % 4096;
      offset += 512;
      files.add(entry("usr/d" + (i % 100) + "/s" + (i / 100 % 10) + "/file-" + i + ".txt", EntryType.REG, offset,
          size));
      offset += (size + 511) / 512 * 512;
    }
    return of(files, offset + 1024, spanSize);
  }

  public static FileMetadata entry(String name, EntryType type, long offset, long size) {
    return new FileMetadata(name, type, offset, size, "", type == EntryType.DIR ? 0755 : 0644, 0, 0, "root",
        "root", "2024-01-01T00:00:00Z", 0, 0, List.of());
  }

  public static FileMetadata link(String name, EntryType type, String target, long offset) {
    return new FileMetadata(name, type, offset, 0, target, 0777, 0, 0, "", "", "2024-01-01T00:00:00Z", 0, 0,
        List.of());
  }

  public static Ztoc of(List<FileMetadata> files, long size, long spanSize) {
    TarZinfo zinfo = TarZinfo.of(spanSize, size, size);
    int spans = zinfo.spanCount();
    CompressionInfo info = new CompressionInfo(CompressionAlgorithm.UNCOMPRESSED, spans - 1,
        Collections.nCopies(spans, "sha256:" + "0".repeat(64)), zinfo.encode());
    return new Ztoc(Ztoc.CURRENT_VERSION, "synthetic", size, size, files, info);
  }
}
