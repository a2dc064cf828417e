package dev.sociscope.app.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** A file's bytes read independently of the app (commons-compress over the whole layer), to check what it shows. */
public final class LayerFiles {
  private LayerFiles() {}

  /** The first {@code max} bytes of {@code name} in a tar or tar.gz layer. */
  public static byte[] read(Path layer, String name, int max) throws IOException {
    try (InputStream raw = Files.newInputStream(layer);
        TarArchiveInputStream in = new TarArchiveInputStream(
            layer.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw)) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.getName().equals(name)) {
          return in.readNBytes(max);
        }
      }
    }
    throw new AssertionError(name + " not in " + layer);
  }
}
