package dev.sociscope.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds real images for tests with real tools: layers with GNU {@code tar} and {@code gzip -n}, an OCI image
 * layout around them, and {@code skopeo copy} to push them into a {@link LocalRegistry}.
 */
public final class TestImages {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  private TestImages() {}

  /** One blob of a built image. */
  public record Blob(String mediaType, Digest digest, long size) {}

  /** A platform-specific image: its manifest and blobs (config first, then layers). */
  public record Manifest(String platform, Digest digest, long size, byte[] bytes, Blob config, List<Blob> layers) {}

  /**
   * What was built: the layout folder and tag, the top digest (a manifest, or an index for several platforms)
   * and each platform's manifest.
   */
  public record BuiltImage(Path layout, String tag, String mediaType, Digest digest, byte[] bytes,
      List<Manifest> manifests) {
    public boolean isIndex() {
      return mediaType.equals(OCI_INDEX);
    }
  }

  /** A single-platform (linux/amd64) image with one layer holding {@code files}. */
  public static BuiltImage singlePlatform(Path layout, String tag, Map<String, String> files) throws IOException {
    return build(layout, tag, List.of("linux/amd64"), files, false);
  }

  /** An image index with one manifest per platform (e.g. {@code linux/amd64}, {@code linux/arm64}). */
  public static BuiltImage multiPlatform(Path layout, String tag, List<String> platforms) throws IOException {
    return build(layout, tag, platforms, Map.of("etc/hello.txt", "hello"), true);
  }

  private static BuiltImage build(Path layout, String tag, List<String> platforms, Map<String, String> files,
      boolean asIndex) throws IOException {
    Path blobs = layout.resolve("blobs/sha256");
    Files.createDirectories(blobs);
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    List<Manifest> manifests = new ArrayList<>();
    Path work = Files.createTempDirectory("sociscope-image-");
    try {
      for (String platform : platforms) {
        String[] osArch = platform.split("/");
        Map<String, String> content = new LinkedHashMap<>(files);
        content.put("etc/platform", platform + "\n");
        Path rootfs = work.resolve(platform.replace('/', '-'));
        for (Map.Entry<String, String> f : content.entrySet()) {
          Path p = rootfs.resolve(f.getKey());
          Files.createDirectories(p.getParent());
          Files.writeString(p, f.getValue());
        }
        Path tar = work.resolve(platform.replace('/', '-') + ".tar");
        run("tar", "--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=@0", "-C",
            rootfs.toString(), "-cf", tar.toString(), ".");
        run("gzip", "-n", "-k", "-f", tar.toString());
        byte[] gz = Files.readAllBytes(Path.of(tar + ".gz"));
        Digest diffId = Digest.of(Files.readAllBytes(tar));
        Blob layer = write(blobs, OCI_LAYER_GZIP, gz);

        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", osArch[1]).put("os", osArch[0]);
        config.putObject("config").putArray("Cmd").add("/bin/sh");
        ObjectNode rootfsNode = config.putObject("rootfs");
        rootfsNode.put("type", "layers");
        rootfsNode.putArray("diff_ids").add(diffId.toString());
        Blob configBlob = write(blobs, OCI_CONFIG, JSON.writeValueAsBytes(config));

        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2).put("mediaType", OCI_MANIFEST);
        manifest.set("config", descriptor(configBlob));
        manifest.putArray("layers").add(descriptor(layer));
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        Blob m = write(blobs, OCI_MANIFEST, manifestBytes);
        manifests.add(new Manifest(platform, m.digest(), m.size(), manifestBytes, configBlob, List.of(layer)));
      }
    } finally {
      LocalRegistry.deleteTree(work);
    }
    String topType;
    Digest topDigest;
    byte[] topBytes;
    ObjectNode topDescriptor;
    if (asIndex) {
      ObjectNode index = JSON.createObjectNode();
      index.put("schemaVersion", 2).put("mediaType", OCI_INDEX);
      ArrayNode entries = index.putArray("manifests");
      for (Manifest m : manifests) {
        ObjectNode d = descriptor(new Blob(OCI_MANIFEST, m.digest(), m.size()));
        String[] osArch = m.platform().split("/");
        d.putObject("platform").put("architecture", osArch[1]).put("os", osArch[0]);
        entries.add(d);
      }
      topBytes = JSON.writeValueAsBytes(index);
      Blob top = write(blobs, OCI_INDEX, topBytes);
      topType = OCI_INDEX;
      topDigest = top.digest();
      topDescriptor = descriptor(top);
    } else {
      Manifest only = manifests.get(0);
      topType = OCI_MANIFEST;
      topDigest = only.digest();
      topBytes = only.bytes();
      topDescriptor = descriptor(new Blob(OCI_MANIFEST, only.digest(), only.size()));
    }
    topDescriptor.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
    ObjectNode layoutIndex = JSON.createObjectNode();
    layoutIndex.put("schemaVersion", 2).put("mediaType", OCI_INDEX);
    layoutIndex.putArray("manifests").add(topDescriptor);
    Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(layoutIndex));
    return new BuiltImage(layout, tag, topType, topDigest, topBytes, manifests);
  }

  private static ObjectNode descriptor(Blob blob) {
    ObjectNode d = JSON.createObjectNode();
    d.put("mediaType", blob.mediaType()).put("digest", blob.digest().toString()).put("size", blob.size());
    return d;
  }

  private static Blob write(Path blobs, String mediaType, byte[] bytes) throws IOException {
    Digest digest = Digest.of(bytes);
    Files.write(blobs.resolve(digest.hex()), bytes);
    return new Blob(mediaType, digest, bytes.length);
  }

  /** Pushes a built layout image to {@code registry} as {@code repoAndTag} with {@code skopeo copy --all}. */
  public static void push(BuiltImage image, LocalRegistry registry, String repoAndTag) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("skopeo", "copy", "--all", "--quiet"));
    cmd.addAll(registry.skopeoArgs(true));
    cmd.add("oci:" + image.layout() + ":" + image.tag());
    cmd.add("docker://" + registry.ref(repoAndTag));
    run(cmd.toArray(new String[0]));
  }

  /** Runs a tool, failing with its output when it exits non-zero; returns stdout. */
  public static String run(String... command) throws IOException {
    ExternalTools.require(command[0]);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException("'" + String.join(" ", command) + "' failed (" + p.exitValue() + "): " + out);
    }
    return out;
  }
}
