package dev.sociscope.core.testing;

import dev.sociscope.core.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The golden-vector image of {@code vectors/index/README.md} (layers gnu-fname, pax, multimember, plain) as an OCI
 * layout with the exact manifest and config bytes, so a SOCI index built for it must equal {@code index-v1.json}.
 */
public final class GoldenImage {
  public static final List<String> LAYERS = List.of("gnu-fname.tar.gz", "pax.tar.gz", "multimember.tar.gz",
      "plain.tar");
  public static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

  private GoldenImage() {}

  /** Writes the layout into {@code dir}, the image named {@code tag}; returns the manifest digest. */
  public static Digest writeLayout(Path dir, String tag) throws IOException {
    Path blobs = dir.resolve("blobs/sha256");
    Files.createDirectories(blobs);
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    for (String layer : LAYERS) {
      byte[] b = Vectors.bytes("layers/" + layer);
      Files.write(blobs.resolve(Digest.of(b).hex()), b);
    }
    byte[] config = Vectors.bytes("index/image-config.json");
    Files.write(blobs.resolve(Digest.of(config).hex()), config);
    byte[] manifest = manifestBytes();
    Digest digest = Digest.of(manifest);
    Files.write(blobs.resolve(digest.hex()), manifest);
    String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
        + "\"mediaType\":\"" + MANIFEST_TYPE + "\",\"digest\":\"" + digest + "\",\"size\":" + manifest.length
        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}";
    Files.writeString(dir.resolve("index.json"), index);
    return digest;
  }

  public static byte[] manifestBytes() {
    return Vectors.bytes("index/image-manifest.json");
  }

  /** The content of {@code path} read from the whole layer tar (commons-compress), or null when absent. */
  public static byte[] fileFromLayer(String layer, String path) throws IOException {
    byte[] blob = Vectors.bytes("layers/" + layer);
    InputStream in = new java.io.ByteArrayInputStream(blob);
    if (layer.endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    byte[] found = null;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name())) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
        if (name.equals(path) && e.isFile()) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          tar.transferTo(out);
          found = out.toByteArray();
        }
      }
    }
    return found;
  }

  /** Pushes the layout image with skopeo (bytes preserved) to {@code registry} as {@code repoAndTag}. */
  public static void push(Path layout, String tag, LocalRegistry registry, String repoAndTag) throws IOException {
    List<String> cmd = new java.util.ArrayList<>(List.of("skopeo", "copy", "--quiet", "--preserve-digests"));
    cmd.addAll(registry.skopeoArgs(true));
    cmd.add("oci:" + layout + ":" + tag);
    cmd.add("docker://" + registry.ref(repoAndTag));
    TestImages.run(cmd.toArray(new String[0]));
  }
}
