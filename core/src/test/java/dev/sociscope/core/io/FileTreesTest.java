package dev.sociscope.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
  @TempDir
  Path tmp;

  @Test
  void aTreeGoesWithWhatItHoldsButALinkInItIsNotFollowed() throws Exception {
    Path outside = Files.writeString(tmp.resolve("outside.txt"), "keep me");
    Path root = Files.createDirectories(tmp.resolve("root/a/b"));
    Files.writeString(root.resolve("file"), "x");
    Files.createSymbolicLink(tmp.resolve("root/a/link"), outside);
    Files.createSymbolicLink(tmp.resolve("root/dirlink"), tmp);
    FileTrees.delete(tmp.resolve("root"));
    assertThat(tmp.resolve("root")).doesNotExist();
    assertThat(outside).hasContent("keep me");
  }

  @Test
  void aMissingRootOrAPlainFileIsFine() throws Exception {
    FileTrees.delete(tmp.resolve("missing"));
    Path file = Files.writeString(tmp.resolve("f"), "x");
    FileTrees.delete(file);
    assertThat(file).doesNotExist();
  }
}
