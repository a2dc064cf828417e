package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code get -o} and {@code ztoc get-file -o} onto what is already there (issue 14, finding 3): a real FIFO
 * ({@code mkfifo}), device node ({@code mknod}; the tests run as root), symlink or directory at the destination is
 * refused in one line and left as it was; a new or regular file gets the tar header's mode (0600 stays 0600),
 * setuid/setgid only with {@code --keep-setuid}. The image is real: a gzip layer indexed with {@code create}, and a
 * second, unindexed copy read by streaming.
 */
class OutputFileSafetyTest {
  @TempDir Path tmp;
  private String indexed;
  private String streamed;
  private String cache;

  @BeforeEach
  void image() throws Exception {
    TestImage image = new TestImage().dir("etc").file("etc/shadow", 0100600, "root:*:1::::::\n")
        .dir("usr/bin").file("usr/bin/su", 0104755, "#!/bin/sh\n");
    cache = tmp.resolve("cache").toString();
    indexed = image.writeLayout(tmp.resolve("indexed"), "v1");
    CliTestSupport.Result created = CliTestSupport.run("create", indexed, "--min-layer-size", "0", "--push",
        "--cache-dir", cache);
    assertThat(created.exitCode()).as(created.err()).isZero();
    streamed = image.writeLayout(tmp.resolve("plain"), "v1");
  }

  @Test
  void aFifoAtTheDestinationIsRefusedNotReplaced() throws Exception {
    Path fifo = tmp.resolve("fifo");
    run("mkfifo", fifo.toString());
    for (String ref : new String[] {indexed, streamed}) {
      CliTestSupport.Result r = get(ref, "/etc/shadow", fifo);
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).isEqualTo("sociscope: refusing to write " + fifo + ": it is a FIFO, not a regular file"
          + " (only a regular file is replaced; remove it or choose another name)\n");
      assertThat(type(fifo)).isEqualTo(0010000);
    }
    assertThat(names()).containsExactlyInAnyOrder("cache", "indexed", "plain", "fifo");
  }

  @Test
  void aDeviceNodeAtTheDestinationIsRefused() throws Exception {
    Path dev = tmp.resolve("null");
    run("mknod", dev.toString(), "c", "1", "3");
    CliTestSupport.Result r = get(indexed, "/etc/shadow", dev);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("it is a character device");
    assertThat(type(dev)).isEqualTo(0020000);
  }

  @Test
  void aSymlinkAtTheDestinationIsNotFollowed() throws Exception {
    Path victim = Files.writeString(tmp.resolve("victim"), "precious");
    Path link = Files.createSymbolicLink(tmp.resolve("out"), victim);
    CliTestSupport.Result r = get(indexed, "/etc/shadow", link);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("it is a symbolic link");
    assertThat(Files.readString(victim)).isEqualTo("precious");
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  @Test
  void theRecordedModeIsKeptAndSetuidOnlyWhenAsked() throws Exception {
    for (String ref : new String[] {indexed, streamed}) {
      Path shadow = tmp.resolve("shadow");
      Files.deleteIfExists(shadow);
      assertThat(get(ref, "/etc/shadow", shadow).exitCode()).isZero();
      assertThat(Files.readString(shadow)).isEqualTo("root:*:1::::::\n");
      assertThat(mode(shadow)).as(ref).isEqualTo(0600);
      Path su = tmp.resolve("su");
      assertThat(get(ref, "/usr/bin/su", su).exitCode()).isZero();
      assertThat(mode(su)).isEqualTo(0755);
      CliTestSupport.Result keep = CliTestSupport.run("get", ref, "/usr/bin/su", "-o", su.toString(),
          "--keep-setuid", "--cache-dir", cache);
      assertThat(keep.exitCode()).as(keep.err()).isZero();
      assertThat(mode(su)).isEqualTo(04755);
    }
  }

  @Test
  void ztocGetFileRefusesAFifoAndKeepsTheMode() throws Exception {
    Path layer = tmp.resolve("layer.tar.gz");
    Files.write(layer, new TestImage().file("etc/shadow", 0100600, "secret\n").layer());
    Path ztoc = tmp.resolve("layer.ztoc");
    CliTestSupport.Result built = CliTestSupport.run("ztoc", "build", layer.toString(), "-o", ztoc.toString());
    assertThat(built.exitCode()).as(built.err()).isZero();
    Path fifo = tmp.resolve("fifo");
    run("mkfifo", fifo.toString());
    CliTestSupport.Result refused = CliTestSupport.run("ztoc", "get-file", ztoc.toString(), layer.toString(),
        "etc/shadow", "-o", fifo.toString());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("it is a FIFO");
    assertThat(type(fifo)).isEqualTo(0010000);
    Path out = tmp.resolve("shadow");
    CliTestSupport.Result ok = CliTestSupport.run("ztoc", "get-file", ztoc.toString(), layer.toString(),
        "etc/shadow", "-o", out.toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(mode(out)).isEqualTo(0600);
  }

  private CliTestSupport.Result get(String ref, String path, Path out) {
    return CliTestSupport.run("get", ref, path, "-o", out.toString(), "--cache-dir", cache);
  }

  private java.util.List<String> names() throws IOException {
    try (var s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static int mode(Path p) throws IOException {
    return ((int) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 07777;
  }

  private static int type(Path p) throws IOException {
    return ((int) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 0170000;
  }

  static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
  }
}
