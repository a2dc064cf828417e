package dev.sociscope.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A real one-layer linux/amd64 image written into an OCI layout (a gzip tar made with commons-compress, PAX names
 * for long or odd paths), and the same layout packed as a gzip-compressed oci-archive.
 */
public final class TestImage {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<TarArchiveEntry> entries = new ArrayList<>();
  private final List<byte[]> data = new ArrayList<>();
  private final Map<String, String> annotations = new java.util.LinkedHashMap<>();

  /** A regular file. */
  public TestImage file(String name, int mode, String content) {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setMode(mode);
    e.setModTime(0);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    e.setSize(bytes.length);
    entries.add(e);
    data.add(bytes);
    return this;
  }

  /** A directory. */
  public TestImage dir(String name) {
    TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
    e.setMode(040755);
    e.setModTime(0);
    entries.add(e);
    data.add(new byte[0]);
    return this;
  }

  /** A symlink. */
  public TestImage symlink(String name, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
    e.setLinkName(target);
    e.setModTime(0);
    entries.add(e);
    data.add(new byte[0]);
    return this;
  }

  /** An annotation on the image manifest. */
  public TestImage annotation(String key, String value) {
    annotations.put(key, value);
    return this;
  }

  public byte[] layer() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz); TarArchiveOutputStream t = new TarArchiveOutputStream(z)) {
      t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      t.setAddPaxHeadersForNonAsciiNames(true);
      for (int i = 0; i < entries.size(); i++) {
        t.putArchiveEntry(entries.get(i));
        t.write(data.get(i));
        t.closeArchiveEntry();
      }
    }
    return gz.toByteArray();
  }

  /** Writes the image into the layout {@code dir} under {@code tag}; returns {@code oci:DIR:TAG}. */
  public String writeLayout(Path dir, String tag) throws IOException {
    OciLayout layout = OciLayout.openOrCreate(dir);
    byte[] config = JSON.writeValueAsBytes(JSON.createObjectNode().put("architecture", "amd64").put("os", "linux"));
    ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaType.OCI_MANIFEST);
    manifest.set("config", blob(layout, MediaType.OCI_CONFIG, config));
    manifest.putArray("layers").add(blob(layout, MediaType.OCI_LAYER_GZIP, layer()));
    if (!annotations.isEmpty()) {
      ObjectNode a = manifest.putObject("annotations");
      annotations.forEach(a::put);
    }
    try {
      layout.putManifest(OciDocument.parse(JSON.writeValueAsBytes(manifest)), tag);
    } catch (dev.sociscope.core.oci.OciFormatException e) {
      throw new IOException(e);
    }
    return "oci:" + dir + ":" + tag;
  }

  /** Packs a layout folder as a gzip-compressed tar (an oci-archive). */
  public static Path packArchive(Path layout, Path archive) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive));
        TarArchiveOutputStream t = new TarArchiveOutputStream(out);
        java.util.stream.Stream<Path> walk = Files.walk(layout)) {
      t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        if (p.equals(layout)) {
          continue;
        }
        String name = layout.relativize(p).toString().replace('\\', '/');
        TarArchiveEntry e = new TarArchiveEntry(p.toFile(), Files.isDirectory(p) ? name + "/" : name);
        t.putArchiveEntry(e);
        if (Files.isRegularFile(p)) {
          Files.copy(p, t);
        }
        t.closeArchiveEntry();
      }
    }
    return archive;
  }

  private static ObjectNode blob(OciLayout layout, String mediaType, byte[] bytes) throws IOException {
    Digest digest = Digest.of(bytes);
    layout.putBlob(digest, BlobContent.ofBytes(bytes));
    return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest.toString())
        .put("size", bytes.length);
  }
}
