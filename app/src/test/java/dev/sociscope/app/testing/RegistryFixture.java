package dev.sociscope.app.testing;

import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.image.ImageReference;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.registry.RemoteRepository;
import dev.sociscope.core.soci.BuiltZtoc;
import dev.sociscope.core.soci.SociIndexBuild;
import dev.sociscope.core.soci.SociIndexBuilder;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.testing.LocalRegistry;
import dev.sociscope.core.testing.Vectors;
import java.nio.charset.StandardCharsets;

/**
 * Pushes test images to a {@link LocalRegistry}: {@code demo/app:v1} whose one layer is the golden
 * {@code gnutar-pax.tar.gz} with a SOCI v1 index built from the golden 64 KiB zTOC (listed under the referrers
 * fallback tag, as the CNCF registry has no referrers API), and {@code other/tool:latest} without an index.
 */
public final class RegistryFixture {
  public static final String LAYER = "layers/gnutar-pax.tar.gz";
  public static final String ZTOC = "ztoc/gnutar-pax.tar.gz.span-64KiB.ztoc";

  private RegistryFixture() {}

  /** Pushes both images; returns the SOCI index digest. */
  public static Digest push(LocalRegistry registry) throws Exception {
    RegistryClient client = RegistryClient.builder().build();
    byte[] layer = Vectors.bytes(LAYER);
    byte[] ztoc = Vectors.bytes(ZTOC);
    Descriptor manifest;
    try (RemoteRepository repo = client.repository(ImageReference.parse(registry.host() + "/demo/app:v1"))) {
      manifest = pushImage(repo, layer, "v1");
      Digest ztocDigest = Digest.of(ztoc);
      repo.putBlob(ztocDigest, BlobContent.ofBytes(ztoc));
      repo.putBlob(dev.sociscope.core.soci.SociAnnotations.EMPTY_JSON_DIGEST,
          BlobContent.ofBytes(dev.sociscope.core.soci.SociAnnotations.EMPTY_JSON));
      OciDocument imageManifest = repo.manifest("v1");
      SociIndexBuild build = SociIndexBuilder.build(manifest, imageManifest.manifest().layers(),
          SociIndexOptions.defaults(SociVersion.V1).withMinLayerSize(0).withSpanSize(65536),
          (l, compression) -> new BuiltZtoc(ztocDigest, ztoc.length, false, false, false));
      OciDocument index = OciDocument.parse(build.bytes(), MediaType.OCI_MANIFEST);
      repo.putManifest(index, null);
      String fallback = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"manifests\":[{"
          + "\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"digest\":\"" + index.digest() + "\",\"size\":"
          + index.size() + ",\"artifactType\":\"" + MediaType.SOCI_INDEX_V1 + "\"}]}";
      repo.putManifest(OciDocument.parse(fallback.getBytes(StandardCharsets.UTF_8), MediaType.OCI_INDEX),
          manifest.digest().toTagForm());
      try (RemoteRepository other = client.repository(ImageReference.parse(registry.host() + "/other/tool:latest"))) {
        pushImage(other, Vectors.bytes("layers/plain.tar"), "latest");
      }
      return index.digest();
    }
  }

  private static Descriptor pushImage(RemoteRepository repo, byte[] layer, String tag) throws Exception {
    Digest layerDigest = Digest.of(layer);
    repo.putBlob(layerDigest, BlobContent.ofBytes(layer));
    String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2024-05-01T12:00:00Z\","
        + "\"config\":{\"Cmd\":[\"/bin/sh\"],\"Env\":[\"PATH=/usr/bin\"],\"WorkingDir\":\"/sub\"},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDigest + "\"]},\"history\":[{}]}";
    byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
    Digest configDigest = Digest.of(configBytes);
    repo.putBlob(configDigest, BlobContent.ofBytes(configBytes));
    String layerType = layer.length > 2 && (layer[0] & 0xff) == 0x1f ? MediaType.OCI_LAYER_GZIP : MediaType.OCI_LAYER_TAR;
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"config\":{"
        + "\"mediaType\":\"" + MediaType.OCI_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":"
        + configBytes.length + "},\"layers\":[{\"mediaType\":\"" + layerType + "\",\"digest\":\"" + layerDigest
        + "\",\"size\":" + layer.length + "}]}";
    byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
    repo.putManifest(OciDocument.parse(bytes, MediaType.OCI_MANIFEST), tag);
    return Descriptor.of(MediaType.OCI_MANIFEST, bytes);
  }
}
