package dev.sociscope.core.io;

import dev.sociscope.core.error.InvalidRequestException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.function.ToLongFunction;

/**
 * Writes files through a temporary sibling that is moved into place only when writing succeeded, so a reader never
 * sees half a file and a failed write leaves the old file as it was. Only a regular file is ever replaced: a
 * symlink, FIFO, device node, socket or directory at the destination is refused with one line, never followed,
 * opened or swapped out. Temporary siblings are registered with {@link TempFiles}, so a killed process leaves none.
 */
public final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SETUID_SETGID = 06000;

  private AtomicFiles() {}

  /** What produces the file's content. */
  public interface Writer<T> {
    T write(OutputStream out) throws IOException;
  }

  /** Writes {@code target} with what {@code writer} produces; returns the writer's result. */
  public static <T> T write(Path target, Writer<T> writer) throws IOException {
    return write(target, writer, null, false);
  }

  /**
   * Writes a file taken out of an image: like {@link #write(Path, Writer)}, and the file gets the permission bits
   * of its tar header ({@link #permissions}), read from the writer's result. The temporary file is owner-only
   * until then, so a 0600 file is never readable by others, not even while it is written.
   *
   * @param tarMode the tar mode of what was written, from the writer's result
   * @param keepSetuid keep the setuid and setgid bits (off: they are dropped, as {@code tar} does for non-root)
   */
  public static <T> T write(Path target, Writer<T> writer, ToLongFunction<? super T> tarMode, boolean keepSetuid)
      throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new NoSuchFileException(String.valueOf(dir), null,
          "no such directory to write " + abs.getFileName() + " in");
    }
    requireReplaceable(abs); // before the work: a refused destination costs no download
    Path tmp = tarMode == null ? newTempSibling(abs) : newPrivateTempSibling(abs);
    try {
      T result;
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
        result = writer.write(out);
      }
      if (tarMode != null) {
        setMode(tmp, permissions(tarMode.applyAsLong(result), keepSetuid));
      }
      move(tmp, abs);
      return result;
    } finally {
      TempFiles.delete(tmp);
    }
  }

  /**
   * The permission bits a file written out of an image gets: those of its tar header (rwx, setuid, setgid,
   * sticky), without setuid and setgid unless {@code keepSetuid}.
   */
  public static int permissions(long tarMode, boolean keepSetuid) {
    int bits = (int) (tarMode & 07777);
    return keepSetuid ? bits : bits & ~SETUID_SETGID;
  }

  /**
   * Refuses a destination that exists and is not a regular file (checked without following a symlink), with a
   * one-line message naming what is there.
   */
  public static void requireReplaceable(Path target) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if (!a.isRegularFile()) {
      throw new InvalidRequestException("refusing to write " + target + ": it is " + kindOf(target, a)
          + ", not a regular file (only a regular file is replaced; remove it or choose another name)");
    }
  }

  /** What a non-regular file is, in words: "a symbolic link", "a FIFO", "a character device", ... */
  static String kindOf(Path file, BasicFileAttributes a) {
    if (a.isSymbolicLink()) {
      return "a symbolic link";
    }
    if (a.isDirectory()) {
      return "a directory";
    }
    try {
      int type = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
      switch (type) {
        case 0010000: return "a FIFO";
        case 0020000: return "a character device";
        case 0060000: return "a block device";
        case 0140000: return "a socket";
        default: return "a special file";
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "a special file";
    }
  }

  /**
   * Creates an empty temporary file next to {@code target}, for callers that move it into place themselves with
   * {@link #move}. Not {@code Files.createTempFile}: its owner-only permissions would stay on the saved file; a new
   * file gets the umask's, like any other file the user saves.
   */
  public static Path newTempSibling(Path target) throws IOException {
    Path tmp = tempName(target);
    TempFiles.register(tmp);
    Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
    return tmp;
  }

  /** Like {@link #newTempSibling}, readable and writable by the owner only (the final mode is set later). */
  private static Path newPrivateTempSibling(Path target) throws IOException {
    Path tmp = tempName(target);
    TempFiles.register(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp);
    }
    return tmp;
  }

  private static Path tempName(Path target) {
    Path abs = target.toAbsolutePath();
    String name = abs.getFileName().toString();
    // stays within NAME_MAX when the target's own name is near it
    String base = name.length() > 200 ? name.substring(0, 200) : name;
    return abs.resolveSibling("." + base + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
  }

  private static void setMode(Path file, int mode) throws IOException {
    try {
      Files.setAttribute(file, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      // no POSIX modes here (Windows): the file keeps the folder's defaults
    }
  }

  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> {
      out.write(bytes);
      return null;
    });
  }

  /**
   * Moves a finished temporary file over {@code target}: atomically where the file system can, and only when
   * {@code target} is missing or a regular file ({@link #requireReplaceable}).
   */
  public static void move(Path tmp, Path target) throws IOException {
    requireReplaceable(target);
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    TempFiles.release(tmp);
  }
}
