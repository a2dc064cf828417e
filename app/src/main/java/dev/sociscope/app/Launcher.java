package dev.sociscope.app;

import dev.sociscope.app.cli.JarClassData;
import dev.sociscope.app.cli.SociscopeCommand;
import dev.sociscope.app.cli.VersionProvider;
import dev.sociscope.app.gui.SociscopeApp;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Entry point of {@code sociscope.jar}: with no arguments it opens the desktop inspector, with arguments it runs the
 * CLI. It is deliberately not a JavaFX {@code Application}, so the jar starts with JavaFX on the class path.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    if (VersionProvider.isVersionRequest(args)) {
      // the one answer that needs no command line model: picocli's classes (Java 5 class files, which Java 17's
      // class-data sharing cannot archive) would be most of its start-up
      System.out.println(VersionProvider.line());
      System.exit(SociscopeCommand.EXIT_OK);
    }
    boolean gui = opensGui(args);
    if (!gui) {
      // java -jar: run again in a JVM that maps the class-data archive, when there is one (JarClassData)
      OptionalInt relaunched = JarClassData.relaunch(args);
      if (relaunched.isPresent()) {
        System.exit(relaunched.getAsInt());
      }
    }
    Runtime.getRuntime().addShutdownHook(dev.sociscope.core.io.TempFiles.shutdownHook()); // SIGTERM/SIGINT too
    if (gui) {
      SociscopeApp.launchGui(args);
      return;
    }
    // 'sociscope open REF' and 'sociscope REF' start the GUI on an image; a lambda, so the CLI never loads JavaFX
    SociscopeCommand.setGuiOpener(reference -> SociscopeApp.launchGuiOn(reference));
    if (args.length == 1 && SociscopeCommand.isImageArgument(args[0])) {
      args = new String[] {"open", args[0]};
    }
    int code = SociscopeCommand.run(args);
    if (!args[0].equals("cds")) {
      JarClassData.prepareNextRun(); // java -jar without an archive: one is made in the background for next runs
    }
    System.exit(code);
  }

  /**
   * No arguments, or just one existing {@code .ztoc} file: what a desktop shell passes when the user opens a zTOC from
   * the file manager (the installers register the file type). The GUI finds the file in its parameters.
   */
  static boolean opensGui(String[] args) {
    if (args.length == 0) {
      return true;
    }
    return args.length == 1 && isZtocFile(args[0]);
  }

  private static boolean isZtocFile(String arg) {
    if (!arg.toLowerCase(Locale.ROOT).endsWith(".ztoc")) {
      return false;
    }
    try {
      return Files.isRegularFile(Path.of(arg));
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
