package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ShortCommandsTest {

  @Test
  void readingCommandsAreShortBuildingOnesAreNot() {
    assertThat(ShortCommands.isShort(new String[] {"inspect", "x"})).isTrue();
    assertThat(ShortCommands.isShort(new String[] {"get", "x", "/f"})).isTrue();
    assertThat(ShortCommands.isShort(new String[] {"ztoc", "info", "f"})).isTrue();
    assertThat(ShortCommands.isShort(new String[] {"ztoc", "build", "l.tar.gz"})).isFalse();
    assertThat(ShortCommands.isShort(new String[] {"create", "x"})).isFalse();
    assertThat(ShortCommands.isShort(new String[] {"convert", "x", "y"})).isFalse();
    assertThat(ShortCommands.isShort(new String[0])).isFalse();
  }

  /** The installed package's /usr/bin/sociscope chooses in shell; it must choose the same. */
  @Test
  void theInstalledScriptHasTheSameList() throws Exception {
    String postinst = Files.readString(Path.of("../installers/linux/resources/postinst"));
    String line = postinst.lines().filter(l -> l.contains(") jit=-XX:TieredStopAtLevel=1") && l.contains("inspect"))
        .findFirst().orElseThrow();
    Set<String> words = new TreeSet<>(Arrays.asList(line.trim().substring(0, line.trim().indexOf(')')).split("\\|")));
    assertThat(words).isEqualTo(new TreeSet<>(ShortCommands.FIRST_WORDS));
    assertThat(postinst).contains("ztoc) [ \"\\$2\" = build ] || jit=-XX:TieredStopAtLevel=1 ;;");
  }
}
