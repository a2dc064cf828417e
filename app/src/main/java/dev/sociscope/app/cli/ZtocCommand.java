package dev.sociscope.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sociscope ztoc ...}: work with zTOC files on disk. */
@Command(
    name = "ztoc",
    mixinStandardHelpOptions = true,
    description = "Read, build and use zTOC files.",
    subcommands = {ZtocInfoCommand.class, ZtocBuildCommand.class, ZtocGetFileCommand.class,
        CommandLine.HelpCommand.class})
public final class ZtocCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a ztoc subcommand; see 'sociscope ztoc --help'.");
  }
}
