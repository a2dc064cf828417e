package dev.sociscope.app.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
public final class VersionProvider implements IVersionProvider {
  public static String version() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
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
