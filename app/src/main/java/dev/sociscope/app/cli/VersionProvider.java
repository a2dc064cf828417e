package dev.sociscope.app.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
public final class VersionProvider implements IVersionProvider {
  public static String version() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  /**
   * Whether the arguments only ask for the version: the launcher answers that before any command model is built,
   * and the command line then builds none of the subcommands.
   */
  public static boolean isVersionRequest(String... args) {
    return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
  }

  /** What {@code sociscope --version} prints. */
  public static String line() {
    return "sociscope " + version();
  }

  @Override
  public String[] getVersion() {
    return new String[] {line()};
  }
}
