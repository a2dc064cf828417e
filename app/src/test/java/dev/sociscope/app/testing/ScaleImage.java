package dev.sociscope.app.testing;

import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ImageManifest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciJson;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.workflow.CreateListener;
import dev.sociscope.core.workflow.SociService;
import java.io.ByteArrayOutputStream;
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
 * An image on disk (OCI layout, tag {@code scale}) shaped like the large test image's file tree: {@code layers}
 * gzip layers of {@code filesPerLayer} small files each in many folders, every layer indexed (SOCI v1). For
 * GUI scale measurements without a registry.
 */
public final class ScaleImage {
  public static final String TAG = "scale";

  private ScaleImage() {}

  public static Path write(Path folder, int layers, int filesPerLayer) throws Exception {
    OciLayout store = OciLayout.openOrCreate(folder);
    List<Descriptor> descriptors = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      byte[] tar = layer(l, filesPerLayer);
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(gz, 1 << 16)) {
        out.write(tar);
      }
      byte[] blob = gz.toByteArray();
      Digest d = Digest.of(blob);
      store.putBlob(d, BlobContent.ofBytes(blob));
      descriptors.add(Descriptor.of(MediaType.OCI_LAYER_GZIP, d, blob.length));
      diffIds.add(Digest.of(tar).toString());
    }
    String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
        + String.join("\",\"", diffIds) + "\"]}}";
    byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
    Digest configDigest = Digest.of(configBytes);
    store.putBlob(configDigest, BlobContent.ofBytes(configBytes));
    ImageManifest manifest = new ImageManifest(2, MediaType.OCI_MANIFEST, "",
        Descriptor.of(MediaType.OCI_CONFIG, configDigest, configBytes.length), descriptors, null, Map.of(), Map.of());
    store.putManifest(OciDocument.parse(OciJson.write(manifest), MediaType.OCI_MANIFEST), TAG);
    Path cache = Files.createTempDirectory("sociscope-scale-cache");
    SociService soci = new SociService(RegistryClient.builder().build(), new ZtocCache(cache), 2);
    SociIndexOptions options = SociIndexOptions.defaults(SociVersion.V1).withMinLayerSize(0).withSpanSize(1 << 20);
    soci.create("oci:" + folder + ":" + TAG, SociService.CreateRequest.defaults().withOptions(options).pushing(true),
        CreateListener.NONE, null);
    return folder;
  }

  /** Layer {@code l}: files in 30 packages of 10 folders; every layer overwrites a few files of the one below. */
  private static byte[] layer(int l, int files) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (int i = 0; i < files; i++) {
        int pkg = i % 30;
        int dir = i / 30 % 10;
        String name = i < 50 && l > 0 ? "usr/share/common/file-" + i + ".txt"
            : "usr/lib/layer" + l + "/pkg" + pkg + "/d" + dir + "/lib-" + i + (i % 3 == 0 ? ".so" : ".txt");
        byte[] content = ("layer " + l + " file " + i + "\n").repeat(1 + i % 7).getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        e.setMode(0100644);
        e.setSize(content.length);
        e.setModTime(1_700_000_000_000L);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
    return bytes.toByteArray();
  }
}
