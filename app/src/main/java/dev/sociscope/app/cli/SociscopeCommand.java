package dev.sociscope.app.cli;

import dev.sociscope.core.layout.CacheWrites;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sociscope} command line. Exit codes: 0 success, 1 a user error (one line on stderr), 2 bad usage (one
 * line on stderr and a pointer to {@code --help}).
 */
@Command(
    name = "sociscope",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Inspect, build and use SOCI (Seekable OCI) indexes of container images.",
        "Without arguments (or with one .ztoc file) sociscope opens the desktop inspector instead;",
        "'sociscope open REF' (or 'sociscope REF') opens it on an image."},
    footerHeading = "%nExamples:%n",
    footer = {"  sociscope inspect 127.0.0.1:5000/app:1",
        "  sociscope create --push 127.0.0.1:5000/app:1",
        "  sociscope ls -l 127.0.0.1:5000/app:1 /etc",
        "  sociscope get -o os-release 127.0.0.1:5000/app:1 /etc/os-release",
        "  sociscope ztoc info layer.ztoc",
        "Run 'sociscope COMMAND --help' for a command's options. Exit codes: 0 ok, 1 error, 2 bad usage."})
public final class SociscopeCommand implements Runnable {
  /**
   * The subcommands in help order. Added in {@link #newCommandLine(PrintWriter, PrintWriter, String...)}, not by
   * the annotation: picocli builds the model of every subcommand it is given (reflection over all their options),
   * a third of a short command's start-up, so a run that names its command builds only that one.
   */
  private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("ztoc", ZtocCommand.class);
    m.put("bench", BenchCommand.class);
    m.put("ls-repos", LsReposCommand.class);
    m.put("ls-tags", LsTagsCommand.class);
    m.put("inspect", InspectCommand.class);
    m.put("copy", CopyCommand.class);
    m.put("index", IndexCommand.class);
    m.put("create", CreateCommand.class);
    m.put("convert", ConvertCommand.class);
    m.put("check", CheckCommand.class);
    m.put("profile", ProfileCommand.class);
    m.put("prefetch", PrefetchCommand.class);
    m.put("push", PushCommand.class);
    m.put("ls", LsCommand.class);
    m.put("get", GetCommand.class);
    m.put("demo", DemoCommand.class);
    m.put("cds", CdsCommand.class);
    m.put("open", OpenCommand.class);
    m.put("cache", CacheCommand.class);
    m.put("help", CommandLine.HelpCommand.class);
    return m;
  }

  public static final int EXIT_OK = 0;
  public static final int EXIT_USER_ERROR = 1;
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command; see 'sociscope --help'.");
  }

  /** How {@code sociscope open REF} starts the desktop inspector (set by the launcher). */
  public static void setGuiOpener(java.util.function.Consumer<String> starter) {
    OpenCommand.setGui(starter);
  }

  /**
   * Whether a lone argument is an image to open rather than a command: not an option, not a command name, and
   * shaped like a reference (it has a {@code /}, {@code :} or {@code @}, so a mistyped command is not taken for an
   * image on Docker Hub).
   */
  public static boolean isImageArgument(String arg) {
    if (arg.isEmpty() || arg.startsWith("-") || arg.chars().noneMatch(c -> c == '/' || c == ':' || c == '@')) {
      return false;
    }
    return !SUBCOMMANDS.containsKey(arg);
  }

  /** Runs the CLI with the process's standard streams. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the CLI with the given streams (tests use this). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return execute(newCommandLine(out, err, args), args);
  }

  /** Runs {@code cli}; running out of memory also ends in one line on stderr and exit code 1. */
  static int execute(CommandLine cli, String... args) {
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      // picocli hands only Exceptions to UserErrorHandler; an Error would end the JVM with a stack trace.
      // Not "give Java more heap" alone: every registry and archive read is bounded (BlobKind), so a hostile input
      // ends in its own one-line error; what is left is a genuinely huge image or zTOC, or a bug.
      cli.getErr().println("sociscope: out of memory (" + e.getMessage() + "); reads from registries and archives"
          + " are bounded, so this is a very large image or zTOC (raise the heap, e.g. JAVA_TOOL_OPTIONS=-Xmx4g)"
          + " or a bug worth reporting");
      cli.getErr().flush();
      return EXIT_USER_ERROR;
    } finally {
      // zTOCs and lookup files a read kept for the next run are written after its answer: let them finish
      CacheWrites.await(Duration.ofSeconds(30));
      CliResources.closeAll();
    }
  }

  /** The whole command line, every subcommand included (help, completion, tests). */
  static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
    return newCommandLine(out, err, new String[0]);
  }

  /**
   * The command line for {@code args}: when the first argument names a subcommand only that one is built; for
   * {@code --version} none; otherwise (help, a typo that needs suggestions) all of them.
   */
  static CommandLine newCommandLine(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new SociscopeCommand());
    String first = args.length == 0 ? "" : args[0];
    if (SUBCOMMANDS.containsKey(first) && !first.equals("help")) {
      cli.addSubcommand(first, SUBCOMMANDS.get(first));
    } else if (!VersionProvider.isVersionRequest(args)) {
      SUBCOMMANDS.forEach((name, type) -> cli.addSubcommand(name, type));
    }
    // every text output passes the terminal guard; help is plain text, as its colours would be escaped
    cli.setOut(TerminalWriter.wrap(out));
    cli.setErr(TerminalWriter.wrap(err));
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    cli.setExecutionExceptionHandler(new UserErrorHandler());
    cli.setParameterExceptionHandler(SociscopeCommand::usageError);
    return cli;
  }

  /**
   * Bad usage (unknown option, bad value, missing argument): the reason in one line, naming the value, then where
   * to look; not the whole usage text, which would bury the reason.
   */
  static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("sociscope: " + dev.sociscope.core.format.TerminalText.escape(String.valueOf(ex.getMessage())));
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
    err.flush();
    return EXIT_USAGE;
  }
}
