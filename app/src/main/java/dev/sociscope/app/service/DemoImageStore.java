package dev.sociscope.app.service;

import dev.sociscope.core.io.FileTrees;
import dev.sociscope.core.layout.LocalImageSource;
import dev.sociscope.core.workflow.DemoImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The demo image on disk: generated once with {@link DemoImage#write} (deterministic, so nothing is shipped as a
 * binary) into a folder, and reused while it still opens and holds both demo tags.
 */
public final class DemoImageStore {
  private final Path folder;

  /** @param folder where the OCI layout lives, e.g. {@code ~/.cache/sociscope/demo} */
  public DemoImageStore(Path folder) {
    this.folder = folder;
  }

  public Path folder() {
    return folder;
  }

  /** Blocking: the layout folder, written first when missing or damaged. Call off the FX thread. */
  public Path ensure() throws IOException {
    if (isValid(folder)) {
      return folder;
    }
    Files.createDirectories(folder.getParent());
    // Written next to the target and moved in, so a half-written demo is never mistaken for a good one.
    Path temp = Files.createTempDirectory(folder.getParent(), folder.getFileName() + ".tmp-");
    try {
      DemoImage.write(temp);
      FileTrees.delete(folder);
      Files.move(temp, folder, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      FileTrees.delete(temp);
    }
    if (!isValid(folder)) {
      throw new IOException("the demo image written to " + folder + " does not open");
    }
    return folder;
  }

  static boolean isValid(Path dir) {
    if (!Files.isRegularFile(dir.resolve("index.json"))) {
      return false;
    }
    try (LocalImageSource source = LocalImageSource.openLayout(dir)) {
      List<String> tags = source.tags();
      if (!tags.contains(DemoImage.TAG) || !tags.contains(DemoImage.SOCI_TAG)) {
        return false;
      }
      source.manifest(DemoImage.TAG);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
