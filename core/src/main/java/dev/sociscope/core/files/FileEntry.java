package dev.sociscope.core.files;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import java.util.Objects;

/**
 * One path of an image's file tree.
 *
 * @param path the cleaned path without leading {@code /} ({@code etc/passwd}); empty for the root
 * @param metadata the tar entry; for directories that exist only implicitly, a synthesised one (mode 0755)
 * @param layer position of the layer the entry comes from (-1 for implicit directories)
 * @param layerDigest digest of that layer, null for implicit directories
 */
public record FileEntry(String path, FileMetadata metadata, int layer, Digest layerDigest) {
  public FileEntry {
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(metadata, "metadata == null");
  }

  public boolean isDirectory() {
    return metadata.type() == EntryType.DIR;
  }

  /** The last path element ({@code passwd}). */
  public String name() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** The parent path ({@code etc}); empty for top-level entries. */
  public String parent() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
