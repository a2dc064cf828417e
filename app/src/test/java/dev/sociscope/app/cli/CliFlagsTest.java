package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.soci.SociDefaults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Flags are spelled, parsed and defaulted alike across commands (every command, including ones added later). */
class CliFlagsTest {
  private static CommandLine cli() {
    return SociscopeCommand.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
  }

  private static List<CommandLine> allCommands() {
    List<CommandLine> out = new ArrayList<>();
    collect(cli(), out);
    return out;
  }

  private static void collect(CommandLine c, List<CommandLine> out) {
    out.add(c);
    c.getSubcommands().values().stream().distinct().forEach(s -> collect(s, out));
  }

  private static String name(CommandLine c) {
    return c.getCommandSpec().qualifiedName();
  }

  @Test
  void sharedFlagsAreSpelledAlikeEverywhere() {
    List<String> checked = new ArrayList<>();
    for (CommandLine c : allCommands()) {
      for (OptionSpec o : c.getCommandSpec().options()) {
        List<String> names = Arrays.asList(o.names());
        String where = name(c) + " " + names;
        if (names.contains("--platform") || names.contains("-p")) {
          assertThat(names).as(where).containsExactlyInAnyOrder("-p", "--platform");
          checked.add(name(c) + " -p");
        }
        if (names.contains("--json")) {
          assertThat(names).as(where).containsExactly("--json");
        }
        if (names.contains("--all-platforms")) {
          assertThat(names).as(where).containsExactly("--all-platforms");
        }
        if (names.contains("-o") || names.contains("--output")) {
          assertThat(names).as(where).containsExactlyInAnyOrder("-o", "--output");
        }
        if (names.contains("--dry-run")) {
          assertThat(names).as(where).containsExactlyInAnyOrder("-n", "--dry-run");
        }
        if (names.contains("--build-tool") || names.contains("--build-tool-id")) {
          assertThat(names).as(where).containsExactlyInAnyOrder("--build-tool-id", "--build-tool");
          assertThat(o.defaultValue()).as(where).isEqualTo(SociDefaults.BUILD_TOOL_IDENTIFIER);
          checked.add(name(c) + " --build-tool-id");
        }
        if (names.contains("--span-size") && o.defaultValue() != null) {
          assertThat(o.defaultValue()).as(where).isEqualTo(SociDefaults.SPAN_SIZE_TEXT);
        }
        if (names.contains("--min-layer-size") && o.defaultValue() != null) {
          assertThat(o.defaultValue()).as(where).isEqualTo(SociDefaults.MIN_LAYER_SIZE_TEXT);
        }
        if ("BYTES".equals(o.paramLabel())) {
          assertThat(o.converters()).as(where).hasSize(1);
          assertThat(o.converters()[0]).as(where).isInstanceOfAny(ByteSizes.class, ByteSizes.Positive.class);
          checked.add(name(c) + " " + o.longestName());
        }
      }
    }
    assertThat(checked).contains("sociscope ztoc build --build-tool-id", "sociscope create --build-tool-id",
        "sociscope convert --build-tool-id", "sociscope inspect -p", "sociscope copy -p", "sociscope create -p",
        "sociscope ztoc build --span-size", "sociscope create --min-layer-size", "sociscope convert --span-size",
        "sociscope profile --min-layer-size", "sociscope bench --size", "sociscope bench --span-size");
  }

  @Test
  void everySizeFlagTakesUnits() {
    assertThat(value("--span-size", "ztoc", "build", "l.tar.gz", "-o", "x", "--span-size", "64KiB"))
        .isEqualTo(65536L);
    assertThat(value("--span-size", "create", "r", "--span-size", "65536")).isEqualTo(65536L);
    assertThat(value("--min-layer-size", "create", "r", "--min-layer-size", "4MiB")).isEqualTo(4L << 20);
    assertThat(value("--min-layer-size", "create", "r", "--min-layer-size", "0")).isEqualTo(0L);
    assertThat(value("--min-layer-size", "convert", "a", "b", "--min-layer-size", "1GiB")).isEqualTo(1L << 30);
    assertThat(value("--span-size", "profile", "r", "--paths", "p", "--span-size", "1MiB"))
        .isEqualTo(List.of(1L << 20));
    assertThat(value("--min-layer-size", "profile", "r", "--paths", "p", "--min-layer-size", "10MiB"))
        .isEqualTo(10L << 20);
    assertThat(value("--size", "bench", "--size", "2MiB")).isEqualTo(2L << 20);
    assertThat(value("--size-mb", "bench", "--size-mb", "2")).isEqualTo(2); // the old spelling, hidden
    // Defaults come from SociDefaults.
    assertThat(value("--span-size", "create", "r")).isEqualTo(SociDefaults.SPAN_SIZE);
    assertThat(value("--min-layer-size", "convert", "a", "b")).isEqualTo(SociDefaults.MIN_LAYER_SIZE);
    assertThat(value("--span-size", "ztoc", "build", "l", "-o", "x")).isEqualTo(SociDefaults.SPAN_SIZE);
    assertThat(value("--build-tool-id", "ztoc", "build", "l", "-o", "x", "--build-tool", "me")).isEqualTo("me");
    assertThat(value("--build-tool-id", "convert", "a", "b")).isEqualTo(SociDefaults.BUILD_TOOL_IDENTIFIER);
  }

  @Test
  void aBadSizeIsOneLineNamingTheValueAndExit2() {
    expectUsage(new String[] {"ztoc", "build", "l", "-o", "x", "--span-size", "-1"},
        "sociscope: Invalid value for option '--span-size': '-1' is negative; this size must be at least 1 byte",
        "sociscope ztoc build");
    expectUsage(new String[] {"create", "r", "--span-size", "0"},
        "sociscope: Invalid value for option '--span-size': '0' is not a positive byte size (examples: 65536, 64KiB,"
            + " 4MiB, 1GiB)", "sociscope create");
    expectUsage(new String[] {"convert", "a", "b", "--min-layer-size", "99999999999999999999"},
        "sociscope: Invalid value for option '--min-layer-size': '99999999999999999999' is too large a byte size"
            + " (at most 8 EiB - 1 byte)", "sociscope convert");
    expectUsage(new String[] {"profile", "r", "--paths", "p", "--min-layer-size", "junk"},
        "sociscope: Invalid value for option '--min-layer-size': 'junk' is not a byte size (examples: 65536, 64KiB,"
            + " 4MiB, 1GiB)", "sociscope profile");
    expectUsage(new String[] {"bench", "--size", "1.5MiB"},
        "sociscope: Invalid value for option '--size': '1.5MiB' is not a byte size (examples: 65536, 64KiB, 4MiB,"
            + " 1GiB)", "sociscope bench");
  }

  @Test
  void helpShowsTheDefaultsOfSociDefaults() {
    CliTestSupport.Result help = CliTestSupport.run("create", "--help");
    assertThat(help.out()).contains("(default: " + SociDefaults.SPAN_SIZE_TEXT + ")")
        .contains("(default: " + SociDefaults.MIN_LAYER_SIZE_TEXT + ")")
        .contains("\"" + SociDefaults.BUILD_TOOL_IDENTIFIER + "\"");
    assertThat(CliTestSupport.run("ztoc", "build", "--help").out())
        .contains("(default: " + SociDefaults.SPAN_SIZE_TEXT + ")");
  }

  private static void expectUsage(String[] args, String firstLine, String command) {
    CliTestSupport.Result r = CliTestSupport.run(args);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(SociscopeCommand.EXIT_USAGE);
    assertThat(r.err().lines()).containsExactly(firstLine, "Try '" + command + " --help' for the options.");
    assertThat(r.out()).isEmpty();
  }

  /** The value picocli parsed for {@code option} on the innermost command of {@code args}. */
  private static Object value(String option, String... args) {
    CommandLine.ParseResult pr = cli().parseArgs(args);
    while (pr.hasSubcommand()) {
      pr = pr.subcommand();
    }
    OptionSpec o = pr.commandSpec().findOption(option);
    return o.getValue();
  }
}
