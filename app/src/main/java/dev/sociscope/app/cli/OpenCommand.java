package dev.sociscope.app.cli;

import dev.sociscope.core.image.ImageLocation;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sociscope open REF}: starts the desktop inspector on an image. The reference is checked here first (core's
 * {@link ImageLocation}, as every command parses it), so a malformed one ends in one line, not a window.
 */
@Command(name = "open", mixinStandardHelpOptions = true,
    description = {"Open the desktop inspector on an image: REF is any reference the other commands take",
        "(host/repo:tag, host/repo@sha256:..., oci:DIR[:tag], oci-archive:FILE[:tag], docker-archive:FILE).",
        "'sociscope REF' does the same when REF is not a command and contains '/', ':' or '@'."})
final class OpenCommand implements Callable<Integer> {
  /** How the GUI is started; the launcher sets it (the CLI package does not know JavaFX). */
  private static volatile Consumer<String> gui;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "REF", description = "The image to open.")
  String reference;

  static void setGui(Consumer<String> starter) {
    gui = starter;
  }

  @Override
  public Integer call() {
    ImageLocation.parse(reference); // a bad reference is a one-line user error (UserErrorHandler)
    Consumer<String> starter = gui;
    if (starter == null) {
      spec.commandLine().getErr().println("sociscope: the desktop inspector is not available in this program");
      return SociscopeCommand.EXIT_USER_ERROR;
    }
    starter.accept(reference.strip());
    return SociscopeCommand.EXIT_OK;
  }
}
