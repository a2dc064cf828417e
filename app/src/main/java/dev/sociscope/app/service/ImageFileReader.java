package dev.sociscope.app.service;

import dev.sociscope.core.files.ImageFiles;
import dev.sociscope.core.files.ReadStats;
import dev.sociscope.core.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Reads one file of an image for the Files tab: into memory for a preview, or into a file on disk, written to a
 * temporary sibling and moved into place so a failed or cancelled read never leaves half a file.
 */
public final class ImageFileReader {
  private ImageFileReader() {}

  /** Reads {@code path} (symlinks followed) into {@code out}; one read at a time per image. */
  public static ReadStats read(ImageFiles files, String path, OutputStream out) throws IOException {
    synchronized (files) {
      return files.read(path, out, true);
    }
  }

  /** Reads bytes {@code [from, from + length)} of {@code path} (symlinks followed): only the spans they need. */
  public static ReadStats readRange(ImageFiles files, String path, long from, long length, OutputStream out)
      throws IOException {
    synchronized (files) {
      return files.readRange(path, from, length, out);
    }
  }

  /**
   * Reads {@code path} into {@code target}; {@code wrap} may count or limit what is written.
   */
  public static ReadStats save(ImageFiles files, String path, Path target, UnaryOperator<OutputStream> wrap)
      throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    // only a regular file is replaced (never a link, FIFO or device); the file gets the entry's mode bits
    return AtomicFiles.write(target, raw -> {
      OutputStream out = wrap.apply(raw);
      ReadStats stats = read(files, path, out);
      out.flush();
      return stats;
    }, ReadStats::mode, false);
  }
}
