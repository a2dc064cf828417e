package dev.sociscope.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bounded memory and time for hostile input (issue 14 item 5): every parser of outside data, fed a 20 MB hostile
 * input in a separate JVM with a 256 MiB heap ({@link HostileInputProbe}), ends in a result or a typed error, each
 * within seconds, and never in {@code OutOfMemoryError}.
 */
class HostileInputMemoryTest {

  @Test
  void twentyMegabytesOfHostileInputFitIn256MiB() throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-cp",
        classPath, HostileInputProbe.class.getName())
        .redirectErrorStream(true);
    pb.environment().put("CLASSPATH", "");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    boolean ended = p.waitFor(5, TimeUnit.MINUTES);
    String report = new String(out, StandardCharsets.UTF_8);
    System.out.println(report);

    assertThat(ended).as("the probe ended").isTrue();
    assertThat(p.exitValue()).as("probe exit code; its report:%n%s", report).isZero();
    assertThat(report).contains("max heap").doesNotContain("NOT OK").doesNotContain("OutOfMemoryError");
    assertThat(report.lines().filter(l -> l.contains("\t")).count()).isEqualTo(13);
  }
}
