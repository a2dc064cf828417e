package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar sociscope.jar} as a user runs it, from a fresh cache folder: the first run answers, then makes its
 * class-data archive in the background; the next run maps it in a second JVM (seen in the class-load logs of both,
 * one file per process); with {@code SOCISCOPE_CDS=off} there is one JVM and no archive.
 */
class JarClassDataIT {
  @TempDir Path temp;

  private record Run(int exit, String out) {}

  private Run run(Path cache, Map<String, String> env, List<String> jvmOptions, String... args) throws Exception {
    Path jar = Path.of("target/sociscope.jar").toAbsolutePath();
    assertThat(jar).as("the jar is packaged before the ITs run").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove(JarClassData.SWITCH);
    pb.environment().put("XDG_CACHE_HOME", cache.toString());
    pb.environment().putAll(env);
    Path log = Files.createTempFile(temp, "run", ".log");
    Process p = pb.redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the run ended").isTrue();
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static List<Path> archives(Path cache) throws Exception {
    Path dir = cache.resolve("sociscope/cds");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
    }
  }

  private List<Path> loadLogs(String prefix) throws Exception {
    try (Stream<Path> files = Files.list(temp)) {
      return files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
    }
  }

  @Test
  void theFirstRunMakesTheArchiveAndTheNextRunMapsIt() throws Exception {
    Path layout = temp.resolve("layout");
    TestImages.singlePlatform(layout, "v1", Map.of("hello.txt", "hi"));
    Path cache = temp.resolve("cache");
    String ref = "oci:" + layout + ":v1";

    Run first = run(cache, Map.of(), List.of(), "inspect", ref);
    assertThat(first.exit()).as(first.out()).isZero();
    assertThat(first.out()).contains("Image:");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while ((archives(cache).isEmpty() || Files.exists(cache.resolve("sociscope/cds/.making")))
        && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    assertThat(archives(cache)).as("made in the background after the first run").hasSize(1);

    Run second = run(cache, Map.of(), List.of("-Xlog:class+load=info:file=" + temp.resolve("load-%p.log")),
        "inspect", ref);
    assertThat(second.exit()).as(second.out()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
    List<Path> logs = loadLogs("load-");
    assertThat(logs).as("two JVMs, one log each").hasSize(2);
    assertThat(logs.stream().map(JarClassDataIT::read))
        .anyMatch(l -> l.contains("dev.sociscope.app.cli.InspectCommand source: shared objects file (top)"));

    Run off = run(cache, Map.of(JarClassData.SWITCH, "off"),
        List.of("-Xlog:class+load=info:file=" + temp.resolve("off-%p.log")), "inspect", ref);
    assertThat(off.exit()).as(off.out()).isZero();
    assertThat(loadLogs("off-")).as("one JVM").hasSize(1);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
