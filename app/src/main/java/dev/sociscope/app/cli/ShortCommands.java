package dev.sociscope.app.cli;

import java.util.Set;

/**
 * Commands that read an index, a zTOC or a file: they start faster with the C1 compiler alone, whose compile threads
 * do not compete with the command on a small machine (a warm one-file {@code get} 0.72 s against 0.85 s; a 128 MB
 * file costs 8% more); the others (building, converting, the GUI) keep the optimising compiler, which the zTOC
 * builder's speed needs. The installed package's {@code /usr/bin/sociscope}
 * (written by {@code installers/linux/resources/postinst}) makes the same choice in shell; a test keeps the two alike.
 */
final class ShortCommands {
  static final Set<String> FIRST_WORDS = Set.of("--version", "-V", "--help", "-h", "help", "inspect", "ls",
      "ls-repos", "ls-tags", "index", "prefetch", "cache", "get");

  private ShortCommands() {}

  static boolean isShort(String[] args) {
    if (args.length == 0) {
      return false;
    }
    if (args[0].equals("ztoc")) {
      return args.length < 2 || !args[1].equals("build");
    }
    return FIRST_WORDS.contains(args[0]);
  }
}
