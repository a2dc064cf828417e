package dev.sociscope.app.model;

import dev.sociscope.core.extract.LocalFileSource;
import dev.sociscope.core.extract.RandomAccessSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the bytes of the layer blob a zTOC describes come from: a local file, or a registry blob read with HTTP
 * range requests.
 *
 * @param description shown to the user (a path or a digest)
 * @param shortName the file name or a short digest, for the header
 * @param file the local file, or null for a remote blob
 */
public record LayerSource(String description, String shortName, Path file, Opener opener) {

  /** Opens random access to the blob. */
  @FunctionalInterface
  public interface Opener {
    RandomAccessSource open() throws IOException;
  }

  public static LayerSource local(Path file) {
    return new LayerSource(file.toString(), String.valueOf(file.getFileName()), file, () -> new LocalFileSource(file));
  }

  public static LayerSource local(String description, Path file) {
    return new LayerSource(description, String.valueOf(file.getFileName()), file, () -> new LocalFileSource(file));
  }

  public static LayerSource remote(String description, String shortName, Opener opener) {
    return new LayerSource(description, shortName, null, opener);
  }

  public RandomAccessSource open() throws IOException {
    return opener.open();
  }

  public Optional<Path> localFile() {
    return Optional.ofNullable(file);
  }
}
