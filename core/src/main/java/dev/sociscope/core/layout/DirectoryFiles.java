package dev.sociscope.core.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Layout files in a folder; paths never leave the folder. */
final class DirectoryFiles implements LayoutFiles {
  private final Path root;
  private final String description;

  DirectoryFiles(Path root, String description) {
    this.root = root.toAbsolutePath().normalize();
    this.description = description;
  }

  Path root() {
    return root;
  }

  @Override
  public Optional<FileRegion> find(String relativePath) throws IOException {
    Path p = root.resolve(relativePath).normalize();
    if (!p.startsWith(root) || !Files.isRegularFile(p)) {
      return Optional.empty();
    }
    return Optional.of(new FileRegion(p, 0, Files.size(p)));
  }

  @Override
  public String describe() {
    return description;
  }
}
