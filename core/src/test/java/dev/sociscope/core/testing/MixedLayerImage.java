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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An OCI layout with the layer kinds spec 1.3 tells apart, for checking that every face decides alike. Tag
 * {@value #MIXED}: an index of linux/amd64 and linux/arm64, each manifest with a large gzip layer, a small gzip
 * layer, a zstd layer, a large plain tar layer and a small zstd layer (the min size check comes first). Tag
 * {@value #NOT_A_LAYER}: one manifest whose last "layer" has a non-layer media type (upstream refuses the image).
 * Sizes are chosen around {@link #MIN_LAYER_SIZE}; layer bytes are random, so gzip does not shrink them.
 */
public final class MixedLayerImage {
  public static final String MIXED = "mixed";
  public static final String NOT_A_LAYER = "not-a-layer";
  /**
   * Tag of a linux/amd64 image with two large gzip layers of named files: layer 0 holds {@code app/bin} (256 KiB,
   * setuid),
   * {@code etc/common.conf} and the directory {@code etc/}; layer 1 holds {@code app/lib.so} (192 KiB) and another
   * {@code etc/common.conf}.
   */
  public static final String FILES = "files";
  /** Tag of {@link #FILES} with the same layer 0 and a layer 1 whose {@code app/lib.so} is one byte longer. */
  public static final String FILES_CHANGED = "files-changed";
  /** The min layer size to plan and create with: between the small and the large layers. */
  public static final long MIN_LAYER_SIZE = 100 * 1024;
  /** The span size to plan and create with. */
  public static final long SPAN_SIZE = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OciLayout layout;
  private final Random random;

  private MixedLayerImage(OciLayout layout, long seed) {
    this.layout = layout;
    this.random = new Random(seed);
  }

  /** Writes both images into a new layout at {@code dir}. */
  public static void write(Path dir) throws IOException {
    MixedLayerImage image = new MixedLayerImage(OciLayout.openOrCreate(dir), 7);
    List<ObjectNode> entries = new ArrayList<>();
    for (String arch : List.of("amd64", "arm64")) {
      List<ObjectNode> layers = List.of(image.gzipLayer(300 * 1024), image.gzipLayer(10 * 1024),
          image.opaqueLayer(MediaType.OCI_LAYER_ZSTD, 150 * 1024), image.tarLayer(200 * 1024),
          image.opaqueLayer(MediaType.OCI_LAYER_ZSTD, 20 * 1024));
      ObjectNode entry = image.manifest(arch, layers);
      entry.putObject("platform").put("os", "linux").put("architecture", arch);
      entries.add(entry);
    }
    ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaType.OCI_INDEX);
    ArrayNode manifests = index.putArray("manifests");
    entries.forEach(e -> manifests.add(descriptorOf(e)));
    image.layout.putManifest(parse(JSON.writeValueAsBytes(index)), MIXED);

    List<ObjectNode> bad = List.of(image.gzipLayer(300 * 1024),
        image.opaqueLayer("application/vnd.example.not-a-layer+json", 1024));
    ObjectNode manifest = image.manifest("amd64", bad);
    image.layout.putManifest(parse(JSON.writeValueAsBytes(manifest.get("_doc"))), NOT_A_LAYER);

    ObjectNode base = image.gzipLayer(List.of("etc/", "app/bin", "etc/common.conf"), List.of(0, 256 * 1024, 100));
    List<ObjectNode> named = List.of(base,
        image.gzipLayer(List.of("app/lib.so", "etc/common.conf"), List.of(192 * 1024, 200)));
    image.layout.putManifest(parse(JSON.writeValueAsBytes(image.manifest("amd64", named).get("_doc"))), FILES);
    List<ObjectNode> changed = List.of(base,
        image.gzipLayer(List.of("app/lib.so", "etc/common.conf"), List.of(192 * 1024 + 1, 200)));
    image.layout.putManifest(parse(JSON.writeValueAsBytes(image.manifest("amd64", changed).get("_doc"))),
        FILES_CHANGED);
  }

  /** Stores an image manifest; returns its descriptor, the document kept under "_doc". */
  private ObjectNode manifest(String arch, List<ObjectNode> layers) throws IOException {
    byte[] config = JSON.writeValueAsBytes(JSON.createObjectNode().put("architecture", arch).put("os", "linux")
        .set("rootfs", JSON.createObjectNode().put("type", "layers")));
    ObjectNode doc = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaType.OCI_MANIFEST);
    doc.set("config", blob(MediaType.OCI_CONFIG, config));
    ArrayNode ls = doc.putArray("layers");
    layers.forEach(ls::add);
    byte[] bytes = JSON.writeValueAsBytes(doc);
    layout.putBlob(Digest.of(bytes), BlobContent.ofBytes(bytes));
    ObjectNode d = JSON.createObjectNode().put("mediaType", MediaType.OCI_MANIFEST)
        .put("digest", Digest.of(bytes).toString()).put("size", bytes.length);
    d.set("_doc", doc);
    return d;
  }

  private static ObjectNode descriptorOf(ObjectNode entry) {
    ObjectNode copy = entry.deepCopy();
    copy.remove("_doc");
    return copy;
  }

  private ObjectNode gzipLayer(int bytes) throws IOException {
    return gzipLayer(List.of("data/blob-" + random.nextInt(1000) + ".bin"), List.of(bytes));
  }

  /** A gzip layer of the named entries (a name ending in / is a directory) with random contents of these sizes. */
  private ObjectNode gzipLayer(List<String> names, List<Integer> sizes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(tar(names, sizes));
    }
    return blob(MediaType.OCI_LAYER_GZIP, out.toByteArray());
  }

  private ObjectNode tarLayer(int bytes) throws IOException {
    return blob(MediaType.OCI_LAYER_TAR, tar(bytes));
  }

  /** A layer whose bytes are never read (skipped by the rule): random bytes under the given media type. */
  private ObjectNode opaqueLayer(String mediaType, int bytes) throws IOException {
    return blob(mediaType, randomBytes(bytes));
  }

  private byte[] tar(int bytes) throws IOException {
    return tar(List.of("data/blob-" + random.nextInt(1000) + ".bin"), List.of(bytes));
  }

  private byte[] tar(List<String> names, List<Integer> sizes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (int i = 0; i < names.size(); i++) {
        TarArchiveEntry e = new TarArchiveEntry(names.get(i));
        e.setModTime(0);
        if (names.get(i).equals("app/bin")) {
          e.setMode(0104755); // setuid, for the mode columns of ls -l and the GUI
        }
        byte[] data = names.get(i).endsWith("/") ? new byte[0] : randomBytes(sizes.get(i));
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private ObjectNode blob(String mediaType, byte[] bytes) throws IOException {
    Digest digest = Digest.of(bytes);
    layout.putBlob(digest, BlobContent.ofBytes(bytes));
    return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest.toString())
        .put("size", bytes.length);
  }

  private static OciDocument parse(byte[] bytes) throws IOException {
    return OciDocument.parse(bytes);
  }
}
