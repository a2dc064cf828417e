package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarClassDataTest {
  @TempDir Path tmp;

  @Test
  void theSecondJvmKeepsTheFirstOnesOptionsAndAddsTheArchive() {
    List<String> jvm = List.of("/usr/lib/jvm/bin/java", "-Xmx2g", "-Dx=y");
    List<String> cmd = JarClassData.relaunchCommand(jvm, Path.of("/c/a.jsa"), new String[] {"inspect", "r:1"});
    int jar = cmd.indexOf("-jar");
    assertThat(cmd.subList(0, 3)).isEqualTo(jvm);
    assertThat(cmd.subList(3, jar)).contains("-XX:SharedArchiveFile=/c/a.jsa", "-Xlog:cds*=off",
        "-XX:TieredStopAtLevel=1", "-D" + JarClassData.RELAUNCHED + "=1");
    assertThat(cmd.subList(jar + 2, cmd.size())).containsExactly("inspect", "r:1");

    List<String> build = JarClassData.relaunchCommand(jvm, Path.of("/c/a.jsa"), new String[] {"create", "r:1"});
    assertThat(build).doesNotContain("-XX:TieredStopAtLevel=1").contains("-XX:SharedArchiveFile=/c/a.jsa");
  }

  /** {@code -XX:+UseSerialGC} beside a user's {@code -XX:+UseG1GC} would stop the second JVM from starting. */
  @Test
  void theUsersOwnCollectorAndCompilerLevelAreKept() {
    List<String> jvm = List.of("/usr/lib/jvm/bin/java", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=4");
    List<String> cmd = JarClassData.relaunchCommand(jvm, Path.of("/c/a.jsa"), new String[] {"inspect", "r:1"});
    assertThat(cmd).doesNotContain("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
        .contains("-XX:+UseG1GC", "-XX:TieredStopAtLevel=4", "-XX:SharedArchiveFile=/c/a.jsa");
  }

  @Test
  void theArchiveNameChangesWithTheJarAndItsLibFolder() throws Exception {
    Path jar = Files.write(tmp.resolve("sociscope.jar"), new byte[] {1, 2, 3});
    Path lib = Files.createDirectories(tmp.resolve("lib"));
    String first = JarClassData.fingerprint(jar);
    assertThat(JarClassData.fingerprint(jar)).isEqualTo(first).matches("[0-9a-f]{8}");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
    String rebuilt = JarClassData.fingerprint(jar);
    assertThat(rebuilt).isNotEqualTo(first);
    Files.setLastModifiedTime(lib, FileTime.fromMillis(Files.getLastModifiedTime(lib).toMillis() - 60_000));
    assertThat(JarClassData.fingerprint(jar)).isNotEqualTo(rebuilt);
  }

  @Test
  void commandsThatGainLessThanASecondJvmCostsRunInThisOne() {
    assertThat(JarClassData.worthASecondJvm(new String[] {"ztoc", "info", "x.ztoc"})).isFalse();
    assertThat(JarClassData.worthASecondJvm(new String[] {"--help"})).isFalse();
    assertThat(JarClassData.worthASecondJvm(new String[] {"inspect", "r:1"})).isTrue();
    assertThat(JarClassData.worthASecondJvm(new String[] {"get", "r:1", "/f"})).isTrue();
  }

  /** Tests run from class folders (not a jar) and with SOCISCOPE_CDS=off: no second JVM, no archive made. */
  @Test
  void aRunThatIsNotJavaJarIsLeftAlone() {
    assertThat(JarClassData.thisJvm()).isNull();
  }
}
