package dev.sociscope.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The wizard's "medium" and "large" test images: linux/amd64 images of gzip layers whose file trees look like a
 * distribution's (seeded, so every run is the same): per folder of ten files, most files small text (configs,
 * docs), a quarter medium, a few large binaries; text compresses as text does, binaries hardly. A Debian
 * {@code /usr} averages one entry per 40 KiB, {@code /usr/share} one per 11 KiB; these average about 30 KiB.
 */
public final class SizedImage {
  /** Two layers, about 8 and 4 MiB uncompressed. */
  public static final String MEDIUM = "medium";
  /** Three layers, about 24, 16 and 8 MiB uncompressed. */
  public static final String LARGE = "large";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] WORDS = ("the of and to in is for on with as by this that from are be it or an "
      + "config value path user system file data default option error return include static const void int "
      + "license copyright debian package version usr lib share doc bin etc").split(" ");

  private final OciLayout layout;
  private final Random random = new Random(12);

  private SizedImage(OciLayout layout) {
    this.layout = layout;
  }

  /** Writes both images into a new layout at {@code dir}. */
  public static void write(Path dir) throws IOException {
    SizedImage image = new SizedImage(OciLayout.openOrCreate(dir));
    image.image(MEDIUM, new int[] {8, 4});
    image.image(LARGE, new int[] {24, 16, 8});
  }

  private void image(String tag, int[] mibPerLayer) throws IOException {
    byte[] config = JSON.writeValueAsBytes(JSON.createObjectNode().put("architecture", "amd64").put("os", "linux")
        .set("rootfs", JSON.createObjectNode().put("type", "layers")));
    ObjectNode doc = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaType.OCI_MANIFEST);
    doc.set("config", blob(MediaType.OCI_CONFIG, config));
    ArrayNode layers = doc.putArray("layers");
    for (int i = 0; i < mibPerLayer.length; i++) {
      layers.add(blob(MediaType.OCI_LAYER_GZIP, gzip(tree(tag + i, mibPerLayer[i] * 1024L * 1024))));
    }
    layout.putManifest(OciDocument.parse(JSON.writeValueAsBytes(doc)), tag);
  }

  private byte[] tree(String root, long bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      long written = 0;
      for (int dir = 0; written < bytes; dir++) {
        String folder = "usr/share/" + root + "/pkg-" + dir + "/";
        entry(tar, folder, null);
        for (int f = 0; f < 10 && written < bytes; f++) {
          int kind = random.nextInt(100);
          byte[] data = kind < 70 ? text(100 + random.nextInt(8 * 1024))
              : kind < 95 ? text(8 * 1024 + random.nextInt(120 * 1024))
              : binary(128 * 1024 + random.nextInt(896 * 1024));
          entry(tar, folder + "file-" + f + (kind < 95 ? ".txt" : ".so"), data);
          written += data.length;
        }
      }
    }
    return out.toByteArray();
  }

  private static void entry(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setModTime(0);
    e.setUserName("root");
    e.setGroupName("root");
    e.setSize(data == null ? 0 : data.length);
    tar.putArchiveEntry(e);
    if (data != null) {
      tar.write(data);
    }
    tar.closeArchiveEntry();
  }

  private byte[] text(int n) {
    StringBuilder sb = new StringBuilder(n + 16);
    while (sb.length() < n) {
      sb.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(12) == 0 ? '\n' : ' ');
    }
    return sb.substring(0, n).getBytes(StandardCharsets.US_ASCII);
  }

  private byte[] binary(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static byte[] gzip(byte[] tar) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(tar);
    }
    return out.toByteArray();
  }

  private ObjectNode blob(String mediaType, byte[] bytes) throws IOException {
    Digest digest = Digest.of(bytes);
    layout.putBlob(digest, BlobContent.ofBytes(bytes));
    return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest.toString())
        .put("size", bytes.length);
  }
}
