package dev.sociscope.core.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.error.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing files of an image into a folder: paths stay inside it and no link inside it is followed. */
class OutputTreeTest {
  @TempDir Path temp;

  private static AtomicWriter bytes(String text) {
    return new AtomicWriter(text);
  }

  private record AtomicWriter(String text) implements dev.sociscope.core.io.AtomicFiles.Writer<Void> {
    @Override
    public Void write(java.io.OutputStream out) throws java.io.IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      return null;
    }
  }

  @Test
  void aSymlinkedParentInsideTheTreeIsNotFollowed() throws Exception {
    Path outside = Files.createDirectory(temp.resolve("outside"));
    Path root = Files.createDirectory(temp.resolve("root"));
    Files.createSymbolicLink(root.resolve("etc"), outside); // planted by an earlier entry, or by someone else
    OutputTree tree = new OutputTree(root, false);
    assertThatThrownBy(() -> tree.write("etc/passwd", 0100644, bytes("root::0:0")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("refusing to write below " + root.toRealPath().resolve("etc") + ": it is a symbolic link, and"
            + " nothing is written through it");
    try (var s = Files.list(outside)) {
      assertThat(s).isEmpty();
    }
    Files.writeString(root.resolve("file"), "x");
    assertThatThrownBy(() -> tree.prepare("file/below")).hasMessageContaining("it is not a directory");
  }

  @Test
  void dotDotStaysInsideAndModesAreKept() throws Exception {
    OutputTree tree = new OutputTree(temp.resolve("new/root"), false);
    tree.write("../../a/../b/secret", 0100600, bytes("s"));
    tree.write("bin/su", 0104755, bytes("su"));
    Path root = tree.root();
    assertThat(Files.readString(root.resolve("b/secret"))).isEqualTo("s");
    assertThat(mode(root.resolve("b/secret"))).isEqualTo(0600);
    assertThat(mode(root.resolve("bin/su"))).isEqualTo(0755);
    try (var all = Files.walk(temp)) {
      assertThat(all.filter(Files::isRegularFile)).allMatch(p -> p.startsWith(root));
    }
    assertThatThrownBy(() -> tree.prepare("/./")).hasMessageContaining("names the folder itself");
    assertThatThrownBy(() -> tree.prepare("a\0b")).hasMessageContaining("NUL");
  }

  @Test
  void aNameTheFileSystemRefusesIsAFileSystemError() throws Exception {
    OutputTree tree = new OutputTree(temp, false);
    assertThatThrownBy(() -> tree.write("d/" + "n".repeat(300), 0100644, bytes("x")))
        .isInstanceOf(FileSystemException.class);
    tree.write("d/fine", 0100644, bytes("x"));
    assertThat(temp.resolve("d/fine")).exists();
  }

  private static int mode(Path p) throws Exception {
    return ((int) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 07777;
  }
}
