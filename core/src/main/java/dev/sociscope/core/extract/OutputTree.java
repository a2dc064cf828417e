package dev.sociscope.core.extract;

import dev.sociscope.core.error.InvalidRequestException;
import dev.sociscope.core.io.AtomicFiles;
import dev.sociscope.core.tar.TarPaths;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A folder that files of an image are written into, keeping their paths. Every path stays inside the folder
 * ({@code ..} is resolved lexically and never climbs above it), and nothing inside it is followed: a parent that is
 * a symbolic link (or anything but a directory) refuses the file, so an entry can never be written through a link
 * planted by an earlier entry or by someone else. The folder itself is the user's choice and may be a link.
 *
 * <p>Files are written with {@link AtomicFiles}: a temporary sibling moved over nothing or a regular file only, with
 * the tar header's permission bits.
 */
public final class OutputTree {
  private final Path root;
  private final boolean keepSetuid;

  /**
   * @param folder the folder chosen by the user (made when missing)
   * @param keepSetuid keep setuid and setgid bits of the files written (off: dropped)
   */
  public OutputTree(Path folder, boolean keepSetuid) throws IOException {
    Path abs = folder.toAbsolutePath().normalize();
    Files.createDirectories(abs);
    this.root = abs.toRealPath();
    this.keepSetuid = keepSetuid;
  }

  public Path root() {
    return root;
  }

  /**
   * Where the entry {@code tarPath} is written, its parent folders made one by one (each checked without following
   * links). Refused: an empty path (the root itself), a NUL byte, a parent that is not a real directory.
   */
  public Path prepare(String tarPath) throws IOException {
    if (tarPath.indexOf('\0') >= 0) {
      throw new InvalidRequestException("refusing to write '" + tarPath.replace('\0', '?')
          + "': the name holds a NUL byte");
    }
    String clean = TarPaths.normalize(tarPath);
    if (clean.isEmpty()) {
      throw new InvalidRequestException("refusing to write '" + tarPath + "': it names the folder itself");
    }
    Path dir = root;
    int start = 0;
    for (int slash = clean.indexOf('/'); slash >= 0; slash = clean.indexOf('/', start)) {
      dir = realDirectory(dir.resolve(clean.substring(start, slash)));
      start = slash + 1;
    }
    return dir.resolve(clean.substring(start));
  }

  /**
   * Writes the entry {@code tarPath} with what {@code writer} produces and the permission bits of {@code tarMode}.
   */
  public <T> T write(String tarPath, long tarMode, AtomicFiles.Writer<T> writer) throws IOException {
    Path target = prepare(tarPath);
    return AtomicFiles.write(target, writer, r -> tarMode, keepSetuid);
  }

  /** {@code dir} as an existing directory that is not a link: made when missing, refused when anything else. */
  private static Path realDirectory(Path dir) throws IOException {
    for (int attempt = 0; ; attempt++) {
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        try {
          Files.createDirectory(dir);
          return dir;
        } catch (FileAlreadyExistsException raced) {
          if (attempt > 2) {
            throw raced;
          }
          continue; // made meanwhile: look at what it is
        }
      }
      if (a.isDirectory()) {
        return dir;
      }
      throw new InvalidRequestException("refusing to write below " + dir + ": it is "
          + (a.isSymbolicLink() ? "a symbolic link" : "not a directory") + ", and nothing is written through it");
    }
  }
}
