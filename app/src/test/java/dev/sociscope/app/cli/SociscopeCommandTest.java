package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SociscopeCommandTest {

  @Test
  void helpListsCommandsAndExitsZero() {
    CliTestSupport.Result r = CliTestSupport.run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: sociscope").contains("ztoc");
  }

  @Test
  void unknownCommandIsAUsageError() {
    CliTestSupport.Result r = CliTestSupport.run("no-such-command");
    assertThat(r.exitCode()).isEqualTo(SociscopeCommand.EXIT_USAGE);
    assertThat(r.err()).contains("no-such-command");
  }

  @Test
  void versionNamesTheTool() {
    CliTestSupport.Result r = CliTestSupport.run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("sociscope ");
  }
}
