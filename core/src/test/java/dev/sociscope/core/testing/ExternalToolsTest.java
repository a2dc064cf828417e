package dev.sociscope.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ExternalToolsTest {

  @Test
  void findsInstalledProgramsOnThePath() {
    assertThat(ExternalTools.isInstalled("sh")).isTrue();
    assertThat(ExternalTools.isInstalled("/bin/sh")).isTrue();
    assertThat(ExternalTools.isInstalled("no-such-program-sociscope")).isFalse();
  }

  @Test
  void aMissingProgramSkipsOrFailsNamingThePackage() {
    String previous = System.getProperty("sociscope.requireTools");
    try {
      System.setProperty("sociscope.requireTools", "true");
      assertThatThrownBy(() -> ExternalTools.require("no-such-program-sociscope"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-program-sociscope is not installed");
      if (!"true".equalsIgnoreCase(System.getenv("CI"))) {
        System.setProperty("sociscope.requireTools", "false");
        assertThatThrownBy(() -> ExternalTools.require("no-such-program-sociscope"))
            .isInstanceOf(TestAbortedException.class).hasMessageContaining("test skipped");
      }
    } finally {
      if (previous == null) {
        System.clearProperty("sociscope.requireTools");
      } else {
        System.setProperty("sociscope.requireTools", previous);
      }
    }
  }
}
