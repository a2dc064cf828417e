package dev.sociscope.app;

import dev.sociscope.app.cli.SociscopeCommand;
import dev.sociscope.app.gui.SociscopeApp;

/**
 * Entry point of {@code sociscope.jar}: with no arguments it opens the desktop inspector, with arguments it runs the
 * CLI. It is deliberately not a JavaFX {@code Application}, so the jar starts with JavaFX on the class path.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      SociscopeApp.launchGui(args);
      return;
    }
    System.exit(SociscopeCommand.run(args));
  }
}
