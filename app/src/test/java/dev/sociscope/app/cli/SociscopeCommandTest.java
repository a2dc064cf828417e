package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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

  @Test
  void aNamedCommandBuildsOnlyItselfAndHelpBuildsAll() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    assertThat(SociscopeCommand.newCommandLine(sink, sink, "get", "--help").getSubcommands().keySet())
        .containsExactly("get");
    assertThat(SociscopeCommand.newCommandLine(sink, sink, "--version").getSubcommands()).isEmpty();
    assertThat(SociscopeCommand.newCommandLine(sink, sink, "--help").getSubcommands().keySet())
        .contains("get", "inspect", "ztoc", "cds", "help");
    assertThat(SociscopeCommand.newCommandLine(sink, sink, "gett").getSubcommands()).hasSizeGreaterThan(10);
    CliTestSupport.Result r = CliTestSupport.run("ztoc", "info", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: sociscope ztoc info");
  }

  @Test
  void everyCommandAndPositionalParameterIsDescribed() {
    CommandLine root = SociscopeCommand.newCommandLine(new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
    assertDescribed(root);
  }

  private static void assertDescribed(CommandLine cli) {
    CommandLine.Model.CommandSpec spec = cli.getCommandSpec();
    assertThat(spec.usageMessage().description()).as("description of %s", spec.qualifiedName()).isNotEmpty();
    for (CommandLine.Model.PositionalParamSpec p : spec.positionalParameters()) {
      assertThat(p.description()).as("%s %s", spec.qualifiedName(), p.paramLabel()).isNotEmpty();
    }
    for (CommandLine.Model.OptionSpec o : spec.options()) {
      assertThat(o.description()).as("%s %s", spec.qualifiedName(), o.longestName()).isNotEmpty();
    }
    cli.getSubcommands().values().stream().distinct().forEach(SociscopeCommandTest::assertDescribed);
  }

  @CommandLine.Command(name = "boom", description = "Runs out of memory.")
  static final class Boom implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new OutOfMemoryError("Java heap space");
    }
  }

  @Test
  void outOfMemoryIsOneLineAndExitCodeOne() {
    StringWriter err = new StringWriter();
    CommandLine cli = SociscopeCommand.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    cli.addSubcommand("boom", new Boom());
    int code = SociscopeCommand.execute(cli, "boom");
    assertThat(code).isEqualTo(SociscopeCommand.EXIT_USER_ERROR);
    assertThat(err.toString()).startsWith("sociscope: out of memory (Java heap space)").doesNotContain("\tat ")
        .hasLineCount(1);
  }

  @Test
  void missingOutputFolderIsOneLineNamingIt(@TempDir Path dir) {
    Path out = dir.resolve("no-such-dir").resolve("x.ztoc");
    CliTestSupport.Result r = CliTestSupport.run("ztoc", "build", "-o", out.toString(), dir.toString());
    assertThat(r.exitCode()).isEqualTo(SociscopeCommand.EXIT_USER_ERROR);
    assertThat(r.err()).isEqualTo("sociscope: " + dir + ": no such layer file\n");
  }
}
