package dev.sociscope.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writesAndReplaces() throws IOException {
    Path f = dir.resolve("a.txt");
    AtomicFiles.write(f, "one".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(f, "two".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(f)).isEqualTo("two");
    try (var list = Files.list(dir)) {
      assertThat(list).containsExactly(f);
    }
  }

  @Test
  void failedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
    Path f = dir.resolve("a.txt");
    AtomicFiles.write(f, "old".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("cut");
    })).hasMessage("cut");
    assertThat(Files.readString(f)).isEqualTo("old");
    try (var list = Files.list(dir)) {
      assertThat(list).containsExactly(f);
    }
  }

  @Test
  void newFileGetsThePermissionsOfAnyNewFileNotOwnerOnly() throws IOException {
    Path plain = dir.resolve("plain");
    try (OutputStream out = Files.newOutputStream(plain)) {
      out.write(1);
    }
    Path atomic = dir.resolve("atomic");
    AtomicFiles.write(atomic, new byte[] {1});
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertThat(Files.getPosixFilePermissions(atomic)).isEqualTo(Files.getPosixFilePermissions(plain));
    }
  }

  @Test
  void missingFolderIsNamed() {
    Path f = dir.resolve("no-such").resolve("a.txt");
    assertThatThrownBy(() -> AtomicFiles.write(f, new byte[0])).isInstanceOf(NoSuchFileException.class)
        .hasMessage(dir.resolve("no-such") + ": no such directory to write a.txt in");
  }
}
