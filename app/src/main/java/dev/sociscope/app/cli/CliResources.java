package dev.sociscope.app.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a command opened that must be closed when it ends, whatever way it ends (an archive's inflated temporary
 * copy lives as long as its service). Per thread: a command runs on the thread that called the CLI.
 */
final class CliResources {
  private static final ThreadLocal<Deque<AutoCloseable>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

  private CliResources() {}

  /** Closes {@code resource} when the running command ends; returns it. */
  static <T extends AutoCloseable> T track(T resource) {
    OPEN.get().push(resource);
    return resource;
  }

  /** Closes what the command opened, newest first; a failure to close is not the command's failure. */
  static void closeAll() {
    Deque<AutoCloseable> open = OPEN.get();
    while (!open.isEmpty()) {
      try {
        open.pop().close();
      } catch (Exception e) {
        // the command's outcome is already decided; what is left is removed at exit (TempFiles)
      }
    }
  }
}
