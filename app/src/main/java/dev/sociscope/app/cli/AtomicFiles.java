package dev.sociscope.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file through a temporary sibling that is moved into place only when writing succeeded. */
final class AtomicFiles {
  private AtomicFiles() {}

  /** What produces the file's content. */
  interface Writer<T> {
    T write(OutputStream out) throws Exception;
  }

  static <T> T write(Path target, Writer<T> writer) throws Exception {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    try {
      T result;
      try (OutputStream out = Files.newOutputStream(tmp)) {
        result = writer.write(out);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      return result;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static void write(Path target, byte[] bytes) throws Exception {
    write(target, out -> {
      out.write(bytes);
      return null;
    });
  }
}
