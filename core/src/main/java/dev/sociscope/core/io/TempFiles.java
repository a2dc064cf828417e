package dev.sociscope.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one list of temporary files sociscope has made and not yet removed (inflated archives, captured layer
 * files, the {@code .tmp} siblings of files being written). Code that makes one registers it here and removes it
 * with {@link #delete}; {@link #deleteAll} runs from the launcher's shutdown hook, so SIGTERM or SIGINT in the
 * middle of a command leaves nothing behind either.
 */
public final class TempFiles {
  private static final Set<Path> LIVE = Collections.synchronizedSet(new LinkedHashSet<>());

  private TempFiles() {}

  /**
   * A new empty file in the temporary folder, registered. The folder is read from {@code java.io.tmpdir} on each
   * call (not cached as {@code Files.createTempFile} does), so a caller that moves it is obeyed.
   */
  public static Path create(String prefix, String suffix) throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    return register(Files.createTempFile(dir, prefix, suffix));
  }

  /** Registers a file made elsewhere; returns it. */
  public static Path register(Path file) {
    LIVE.add(file.toAbsolutePath());
    return file;
  }

  /** Forgets a file that was moved into place (it is no longer temporary). */
  public static void release(Path file) {
    LIVE.remove(file.toAbsolutePath());
  }

  /** A new empty folder in the temporary folder, registered; {@link #delete} removes it with what it holds. */
  public static Path createDirectory(String prefix) throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    return register(Files.createTempDirectory(dir, prefix));
  }

  /** Removes a temporary file or folder (with what it holds, links not followed), if still there, and forgets it. */
  public static void delete(Path file) throws IOException {
    try {
      FileTrees.delete(file);
    } finally {
      release(file);
    }
  }

  /** The files registered now, oldest first (tests and diagnostics). */
  public static List<Path> live() {
    synchronized (LIVE) {
      return List.copyOf(LIVE);
    }
  }

  /**
   * Removes every registered file, newest first (so a folder registered before the files in it is empty by its
   * turn), best effort: what cannot be removed is skipped.
   */
  public static void deleteAll() {
    List<Path> all = new ArrayList<>(live());
    Collections.reverse(all);
    for (Path p : all) {
      try {
        delete(p);
      } catch (IOException | RuntimeException e) {
        // at exit there is nobody to tell; the next file is still worth removing
      }
    }
  }

  /** A thread for {@code Runtime.addShutdownHook} that runs {@link #deleteAll}. */
  public static Thread shutdownHook() {
    return new Thread(TempFiles::deleteAll, "sociscope-temp-cleanup");
  }
}
