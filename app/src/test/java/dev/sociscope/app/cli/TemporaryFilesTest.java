package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing a command makes stays in the temporary folder (issue 14, finding 9): a gzip-compressed oci-archive is
 * inflated into a temporary tar that is removed when {@code ls}, {@code get}, {@code create} and
 * {@code index list} end, on success and on failure (in-process, with {@code java.io.tmpdir} pointed at a fresh
 * folder), and when a real {@code sociscope} process is stopped with SIGTERM in the middle of inflating one.
 */
class TemporaryFilesTest {
  @TempDir Path tmp;
  private Path tempDir;
  private String savedTmpdir;

  @BeforeEach
  void freshTemporaryFolder() throws IOException {
    tempDir = Files.createDirectory(tmp.resolve("java-tmp"));
    savedTmpdir = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", tempDir.toString());
  }

  @AfterEach
  void restore() {
    System.setProperty("java.io.tmpdir", savedTmpdir);
  }

  @Test
  void commandsOnAGzipArchiveLeaveTheTemporaryFolderAsItWas() throws Exception {
    Path layout = tmp.resolve("layout");
    String ref = new TestImage().dir("etc").file("etc/os-release", 0100644, "ID=test\n").writeLayout(layout, "v1");
    String cache = tmp.resolve("cache").toString();
    CliTestSupport.Result made = CliTestSupport.run("create", ref, "--min-layer-size", "0", "--push", "--cache-dir",
        cache);
    assertThat(made.exitCode()).as(made.err()).isZero();
    Path archive = TestImage.packArchive(layout, tmp.resolve("image.tar.gz"));
    String a = "oci-archive:" + archive + ":v1";

    List<String[]> commands = List.of(
        new String[] {"ls", a, "/etc", "--cache-dir", cache},
        new String[] {"get", a, "/etc/os-release", "--cache-dir", cache},
        new String[] {"get", a, "/etc/os-release", "-o", tmp.resolve("os-release").toString(), "--cache-dir", cache},
        new String[] {"create", a, "--min-layer-size", "0", "--cache-dir", cache},
        new String[] {"index", "list", a, "--cache-dir", cache});
    for (String[] command : commands) {
      CliTestSupport.Result r = CliTestSupport.run(command);
      assertThat(r.exitCode()).as(String.join(" ", command) + ": " + r.err()).isZero();
      assertThat(list(tempDir)).as(String.join(" ", command)).isEmpty();
    }
    CliTestSupport.Result missing = CliTestSupport.run("get", a, "/no/such/file", "--cache-dir", cache);
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(list(tempDir)).as("after a failure").isEmpty();

    // a layer without a zTOC is streamed, and the file's copy (.part) goes once the read is done
    String plain = new TestImage().dir("etc").file("etc/os-release", 0100644, "ID=plain\n")
        .writeLayout(tmp.resolve("plain"), "v1");
    CliTestSupport.Result streamed = CliTestSupport.run("get", plain, "/etc/os-release", "-o",
        tmp.resolve("os-release").toString(), "--cache-dir", cache);
    assertThat(streamed.exitCode()).as(streamed.err()).isZero();
    assertThat(Files.readString(tmp.resolve("os-release"))).isEqualTo("ID=plain\n");
    assertThat(list(tempDir)).as("after a streamed read").isEmpty();
    assertThat(list(tmp)).containsExactlyInAnyOrder("java-tmp", "layout", "cache", "image.tar.gz", "os-release",
        "plain");
  }

  @Test
  void sigtermWhileInflatingAnArchiveRemovesTheTemporaryCopy() throws Exception {
    Path archive = tmp.resolve("big.tar.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive), 1 << 16);
        TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
      TarArchiveEntry e = new TarArchiveEntry("blobs/sha256/zeros");
      long size = 768L << 20; // long enough to inflate that the process is caught in the middle
      e.setSize(size);
      t.putArchiveEntry(e);
      byte[] zeros = new byte[1 << 20];
      for (long left = size; left > 0; left -= zeros.length) {
        t.write(zeros);
      }
      t.closeArchiveEntry();
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tempDir, "-cp", System.getProperty("java.class.path"),
        "dev.sociscope.app.Launcher", "ls", "oci-archive:" + archive).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("child.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!inflating() && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(inflating()).as("the temporary tar appears: " + Files.readString(tmp.resolve("child.log"))).isTrue();
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(p.exitValue()).isEqualTo(143); // 128 + SIGTERM: it was stopped, it did not finish
    assertThat(list(tempDir)).isEmpty();
  }

  private boolean inflating() throws IOException {
    for (String name : list(tempDir)) {
      if (name.startsWith("sociscope-archive-") && Files.size(tempDir.resolve(name)) > (16 << 20)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> list(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (var s = Files.list(dir)) {
      s.forEach(p -> names.add(p.getFileName().toString()));
    }
    return names;
  }
}
