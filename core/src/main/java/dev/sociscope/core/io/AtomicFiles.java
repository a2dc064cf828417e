package dev.sociscope.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes files through a temporary sibling that is moved into place only when writing succeeded, so a reader never
 * sees half a file and a failed write leaves the old file as it was.
 */
public final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();
  private AtomicFiles() {}

  /** What produces the file's content. */
  public interface Writer<T> {
    T write(OutputStream out) throws IOException;
  }

  /** Writes {@code target} with what {@code writer} produces; returns the writer's result. */
  public static <T> T write(Path target, Writer<T> writer) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new NoSuchFileException(String.valueOf(dir), null,
          "no such directory to write " + abs.getFileName() + " in");
    }
    Path tmp = newTempSibling(abs);
    OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE);
    try {
      T result;
      try (out) {
        result = writer.write(out);
      }
      move(tmp, abs);
      return result;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Creates an empty temporary file next to {@code target}, for callers that move it into place themselves with
   * {@link #move}. Not {@code Files.createTempFile}: its owner-only permissions would stay on the saved file; a new
   * file gets the umask's, like any other file the user saves.
   */
  public static Path newTempSibling(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    Path tmp = abs.resolveSibling(
        "." + abs.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
    Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
    return tmp;
  }

  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> {
      out.write(bytes);
      return null;
    });
  }

  /** Moves a finished temporary file over {@code target}: atomically where the file system can. */
  public static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
