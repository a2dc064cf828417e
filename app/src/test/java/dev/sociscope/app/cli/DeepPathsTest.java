package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer with a path thousands of levels deep (issue 14, finding 8): {@code ls} needs memory linear in the depth.
 * A real image (one PAX-named file 5,000 levels down, indexed with {@code create}) listed by a real
 * {@code sociscope} process with a 96 MB heap; storing every parent as its own path would take about 450 MB (it ran out of memory).
 */
class DeepPathsTest {
  @TempDir Path tmp;

  @Test
  void lsOfAPathFiveThousandLevelsDeepFitsInASmallHeap() throws Exception {
    String parent = String.join("/", Collections.nCopies(5000, "deep-level-name-x"));
    String ref = new TestImage().file("top.txt", 0100644, "top\n").file(parent + "/file.txt", 0100644, "found\n")
        .writeLayout(tmp.resolve("layout"), "v1");
    String cache = tmp.resolve("cache").toString();
    CliTestSupport.Result made = CliTestSupport.run("create", ref, "--min-layer-size", "0", "--push", "--cache-dir",
        cache);
    assertThat(made.exitCode()).as(made.err()).isZero();

    Result root = sociscope("ls", ref, "/", "--cache-dir", cache);
    assertThat(root.code()).as(root.output()).isZero();
    assertThat(root.output()).isEqualTo("deep-level-name-x/\ntop.txt\n");
    Result bottom = sociscope("ls", "-l", ref, "/" + parent, "--cache-dir", cache);
    assertThat(bottom.code()).as(bottom.output()).isZero();
    assertThat(bottom.output()).endsWith(" file.txt\n").hasLineCount(1);
    Path out = tmp.resolve("file.txt"); // the read itself in-process: its memory is the file's, not the tree's
    CliTestSupport.Result read = CliTestSupport.run("get", ref, "/" + parent + "/file.txt", "-o", out.toString(),
        "--cache-dir", cache);
    assertThat(read.exitCode()).as(read.err()).isZero();
    assertThat(Files.readString(out)).isEqualTo("found\n");
  }

  private record Result(int code, String output) {}

  private Result sociscope(String... args) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx96m", "-Djava.io.tmpdir=" + tmp,
        "-cp", System.getProperty("java.class.path"), "dev.sociscope.app.Launcher"));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(tmp, "out", ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
