package dev.sociscope.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sociscope} command line. Exit codes: 0 success, 1 a user error (one line on stderr), 2 bad usage.
 */
@Command(
    name = "sociscope",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Inspect, build and use SOCI (Seekable OCI) indexes of container images.",
    subcommands = {ZtocCommand.class, BenchCommand.class, LsReposCommand.class, LsTagsCommand.class,
        InspectCommand.class, CopyCommand.class, IndexCommand.class, CreateCommand.class, ConvertCommand.class,
        PushCommand.class, LsCommand.class, GetCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class SociscopeCommand implements Runnable {
  public static final int EXIT_OK = 0;
  public static final int EXIT_USER_ERROR = 1;
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command; see 'sociscope --help'.");
  }

  /** Runs the CLI with the process's standard streams. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the CLI with the given streams (tests use this). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = newCommandLine(out, err);
    return cli.execute(args);
  }

  static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new SociscopeCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new UserErrorHandler());
    return cli;
  }
}
