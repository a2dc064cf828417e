package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code sociscope cds}: where the archive goes and how the archiving JVM is started. (Making an archive takes a
 * JVM run of a minute on a loaded machine; installers/check-deb.sh checks the installed package's archive.)
 */
class CdsCommandTest {
  @Test
  void theArchiveIsInTheCacheFolderNamedAfterBothVersions() {
    Path p = CdsCommand.defaultArchive();
    assertThat(p.getParent().getFileName().toString()).isEqualTo("cds");
    assertThat(p.getParent().getParent().getFileName().toString()).isEqualTo("sociscope");
    assertThat(p.getFileName().toString()).startsWith("sociscope-")
        .contains("-java" + System.getProperty("java.version")).endsWith(".jsa");
  }

  @Test
  void theArchivingRunIsThisProgramWithArchiveClassesAtExit() throws Exception {
    List<String> cmd = CdsCommand.archivingCommand(Path.of("/tmp/x.jsa"));
    assertThat(cmd.get(0)).endsWith("/bin/java");
    assertThat(cmd).contains("-XX:ArchiveClassesAtExit=/tmp/x.jsa");
    assertThat(cmd.subList(cmd.size() - 2, cmd.size())).containsExactly("cds", "--train");
    assertThat(cmd).containsAnyOf("-jar", "dev.sociscope.app.Launcher");
  }
}
