package dev.sociscope.core.ztoc.lookup;

import dev.sociscope.core.ztoc.FileMetadata;
import java.util.Objects;

/**
 * One entry of a layer with its place in the layer: overlay rules and hard links depend on which of two entries
 * comes later in the tar stream.
 *
 * @param position the entry's index in tar order ({@link dev.sociscope.core.ztoc.Ztoc#files()})
 */
public record TocEntry(int position, FileMetadata metadata) {
  public TocEntry {
    Objects.requireNonNull(metadata, "metadata");
  }
}
