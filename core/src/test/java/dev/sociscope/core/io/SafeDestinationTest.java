package dev.sociscope.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.error.InvalidRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing a file out onto what is already there (issue 14, finding 3): only a missing name or a regular file is
 * written; a FIFO, a device node, a symlink or a directory at the destination is refused with one line and left
 * as it was, and the file gets the permission bits of its tar header (setuid/setgid only when asked). Real FIFOs,
 * device nodes and links, made with {@code mkfifo} and {@code mknod}.
 */
class SafeDestinationTest {
  @TempDir Path dir;

  private static final AtomicFiles.Writer<Long> HELLO = out -> {
    out.write("hello".getBytes(StandardCharsets.UTF_8));
    return 0600L;
  };

  @Test
  void aFifoAtTheDestinationIsRefusedAndStaysAFifo() throws Exception {
    Path fifo = dir.resolve("pipe");
    run("mkfifo", fifo.toString());
    assertThatThrownBy(() -> AtomicFiles.write(fifo, HELLO, m -> m, false))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("refusing to write " + fifo + ": it is a FIFO, not a regular file (only a regular file is"
            + " replaced; remove it or choose another name)");
    assertThat(Files.getAttribute(fifo, "unix:mode", LinkOption.NOFOLLOW_LINKS)).matches(m -> ((int) m & 0170000) == 0010000);
    assertThat(siblings()).containsExactly("pipe");
  }

  @Test
  void aDeviceNodeAtTheDestinationIsRefused() throws Exception {
    Path dev = dir.resolve("null");
    run("mknod", dev.toString(), "c", "1", "3"); // the tests run as root (CI container)
    assertThatThrownBy(() -> AtomicFiles.write(dev, "x".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("it is a character device");
    assertThat(((int) Files.getAttribute(dev, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 0170000).isEqualTo(0020000);
  }

  @Test
  void aSymlinkAtTheDestinationIsNeitherFollowedNorReplaced() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim"), "precious");
    Path link = Files.createSymbolicLink(dir.resolve("out"), victim);
    assertThatThrownBy(() -> AtomicFiles.write(link, HELLO, m -> m, false))
        .hasMessageContaining("it is a symbolic link");
    assertThat(Files.readString(victim)).isEqualTo("precious");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
    assertThatThrownBy(() -> AtomicFiles.write(dangling, "x".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("it is a symbolic link");
    assertThat(dir.resolve("nowhere")).doesNotExist();
  }

  @Test
  void aDirectoryAtTheDestinationIsRefused() throws Exception {
    Path d = Files.createDirectory(dir.resolve("d"));
    assertThatThrownBy(() -> AtomicFiles.write(d, "x".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("it is a directory");
  }

  @Test
  void aRegularFileIsReplacedWithTheTarModeNotTheUmask() throws Exception {
    Path f = Files.writeString(dir.resolve("secret"), "old");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    AtomicFiles.write(f, HELLO, m -> m, false);
    assertThat(Files.readString(f)).isEqualTo("hello");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
    assertThat(siblings()).containsExactly("secret");
  }

  @Test
  void setuidAndSetgidAreDroppedUnlessAsked() throws Exception {
    Path f = dir.resolve("su");
    AtomicFiles.write(f, out -> 0106755L, m -> m, false);
    assertThat(mode(f)).isEqualTo(0755);
    AtomicFiles.write(f, out -> 0106755L, m -> m, true);
    assertThat(mode(f)).isEqualTo(06755);
    AtomicFiles.write(f, out -> 0101777L, m -> m, false);
    assertThat(mode(f)).as("sticky and rwx are kept").isEqualTo(01777);
  }

  @Test
  void theTemporaryFileIsOwnerOnlyWhileItIsWritten() throws Exception {
    Path f = dir.resolve("key");
    List<String> seen = new java.util.ArrayList<>();
    AtomicFiles.write(f, out -> {
      try (var s = Files.list(dir)) {
        s.forEach(p -> seen.add(mode(p) + ""));
      }
      return 0644L;
    }, m -> m, false);
    assertThat(seen).containsExactly(String.valueOf(0600));
    assertThat(mode(f)).isEqualTo(0644);
  }

  @Test
  void aFifoThatAppearsWhileWritingIsStillNotReplaced() throws Exception {
    Path f = dir.resolve("late");
    assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
      run("mkfifo", f.toString());
      return 0644L;
    }, m -> m, false)).hasMessageContaining("it is a FIFO");
    assertThat(siblings()).containsExactly("late");
    assertThat(TempFiles.live()).noneMatch(p -> p.startsWith(dir));
  }

  private List<String> siblings() throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static int mode(Path p) {
    try {
      return ((int) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 07777;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void run(String... command) throws IOException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
