package dev.sociscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {
  @TempDir Path dir;

  @Test
  void noArgumentsOpensTheGui() {
    assertThat(Launcher.opensGui(new String[0])).isTrue();
  }

  @Test
  void commandArgumentsRunTheCli() {
    assertThat(Launcher.opensGui(new String[] {"--version"})).isFalse();
    assertThat(Launcher.opensGui(new String[] {"ztoc", "info", "x.ztoc"})).isFalse();
  }

  @Test
  void anExistingZtocFileAloneOpensTheGui() throws IOException {
    Path ztoc = Files.write(dir.resolve("layer.ZTOC"), new byte[] {1});
    assertThat(Launcher.opensGui(new String[] {ztoc.toString()})).isTrue();
  }

  @Test
  void aMissingZtocFileOrAnotherFileRunsTheCliWhichReportsIt() throws IOException {
    Path other = Files.write(dir.resolve("layer.tar"), new byte[] {1});
    assertThat(Launcher.opensGui(new String[] {dir.resolve("missing.ztoc").toString()})).isFalse();
    assertThat(Launcher.opensGui(new String[] {other.toString()})).isFalse();
    assertThat(Launcher.opensGui(new String[] {dir.toString() + ".ztoc"})).isFalse();
  }
}
