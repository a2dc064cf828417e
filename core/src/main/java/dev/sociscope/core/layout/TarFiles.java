package dev.sociscope.core.layout;

import dev.sociscope.core.error.NotFoundException;
import dev.sociscope.core.error.CorruptInputException;
import dev.sociscope.core.io.TempFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The members of a tar (oci-archive, docker-archive), indexed once by data offset and then read in place. A
 * gzip-compressed archive is first inflated into a temporary file (deleted on close).
 */
final class TarFiles implements LayoutFiles {
  private final Path tar;
  private final Path temporary;
  private final Map<String, FileRegion> members = new HashMap<>();
  private final String description;

  TarFiles(Path archive, String description) throws IOException {
    this.description = description;
    if (!Files.isRegularFile(archive)) {
      throw new NotFoundException(description + ": no such file");
    }
    Path source = archive;
    Path temp = null;
    if (isGzip(archive)) {
      temp = TempFiles.create("sociscope-archive-", ".tar");
      try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)));
          OutputStream out = Files.newOutputStream(temp)) {
        in.transferTo(out);
      } catch (IOException e) {
        TempFiles.delete(temp);
        throw new CorruptInputException(description + ": cannot inflate the gzip-compressed archive: " + e.getMessage(), e);
      } catch (RuntimeException | Error e) {
        TempFiles.delete(temp);
        throw e;
      }
      source = temp;
    }
    this.tar = source;
    this.temporary = temp;
    try (TarFile file = new TarFile(source)) {
      for (TarArchiveEntry entry : file.getEntries()) {
        if (!entry.isFile() || entry.isSparse()) {
          continue;
        }
        String name = normalize(entry.getName());
        if (name != null) {
          members.put(name, new FileRegion(source, entry.getDataOffset(), entry.getSize()));
        }
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw new CorruptInputException(description + ": not a readable tar archive: " + e.getMessage(), e);
    }
  }

  private static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  /** Strips {@code ./} and leading slashes; refuses names that climb out with {@code ..}. */
  private static String normalize(String name) {
    String n = name.replace('\\', '/');
    while (n.startsWith("./") || n.startsWith("/")) {
      n = n.startsWith("./") ? n.substring(2) : n.substring(1);
    }
    for (String part : n.split("/")) {
      if (part.equals("..")) {
        return null;
      }
    }
    return n;
  }

  @Override
  public Optional<FileRegion> find(String relativePath) {
    return Optional.ofNullable(members.get(normalize(relativePath)));
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() throws IOException {
    if (temporary != null) {
      TempFiles.delete(temporary);
    }
  }
}
