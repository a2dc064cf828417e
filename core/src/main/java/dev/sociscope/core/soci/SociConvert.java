package dev.sociscope.core.soci;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ImageIndex;
import dev.sociscope.core.oci.ImageManifest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciJson;
import dev.sociscope.core.oci.Platform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pure part of {@code soci convert} (spec 3.2): given the source image, the available image manifests and the
 * v2 SOCI indexes built per platform, compute the rewritten image manifests and the SOCI-enabled image index,
 * byte for byte as upstream writes them. Reading and storing blobs is the caller's business.
 *
 * <p>Result for a single-platform source (formatted; the real bytes are compact Go JSON):
 * <pre>{@code
 * {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
 *   {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:3c7f…","size":993,
 *    "annotations":{"com.amazon.soci.index-digest":"sha256:2fb8…"},"platform":{"architecture":"amd64","os":"linux"}},
 *   {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:2fb8…","size":1858,
 *    "annotations":{"com.amazon.soci.image-manifest-digest":"sha256:3c7f…"},
 *    "platform":{"architecture":"amd64","os":"linux"},"artifactType":"application/vnd.amazon.soci.index.v2+json"}]}
 * }</pre>
 */
public final class SociConvert {

  /**
   * A v2 SOCI index built for one image manifest of the source.
   *
   * @param imageManifestDigest the digest of the image manifest as in the source (before rewriting)
   * @param platform the platform it was built for; null means "the platform of that manifest's entry"
   * @param index the index manifest's descriptor ({@code mediaType} OCI manifest, digest, size)
   */
  public record PlatformIndex(Digest imageManifestDigest, Platform platform, Descriptor index) {
    public PlatformIndex {
      Objects.requireNonNull(imageManifestDigest, "imageManifestDigest == null");
      Objects.requireNonNull(index, "index == null");
    }

    /** From a build result. */
    public static PlatformIndex of(Digest imageManifestDigest, Platform platform, SociIndexBuild build) {
      if (build.index().version() != SociVersion.V2) {
        throw new IllegalArgumentException("soci convert needs v2 indexes, got " + build.index().version());
      }
      return new PlatformIndex(imageManifestDigest, platform, build.descriptor());
    }
  }

  /**
   * One rewritten image manifest.
   *
   * @param originalDigest digest of the manifest before conversion
   * @param manifest the rewritten manifest
   */
  public record RewrittenManifest(Digest originalDigest, ImageManifest manifest, byte[] bytes, Digest digest) {
    public RewrittenManifest {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RewrittenManifest && originalDigest.equals(((RewrittenManifest) o).originalDigest)
          && Arrays.equals(bytes, ((RewrittenManifest) o).bytes);
    }

    @Override
    public int hashCode() {
      return digest.hashCode();
    }
  }

  /**
   * The conversion result.
   *
   * @param index the SOCI-enabled image index
   * @param indexBytes its Go JSON bytes (to store and tag)
   * @param indexDigest their digest
   * @param manifests the rewritten image manifests, in index order
   */
  public record Result(ImageIndex index, byte[] indexBytes, Digest indexDigest, List<RewrittenManifest> manifests) {
    public Result {
      indexBytes = indexBytes.clone();
      manifests = List.copyOf(manifests);
    }

    @Override
    public byte[] indexBytes() {
      return indexBytes.clone();
    }

    /** {@code {mediaType: OCI index, digest, size}} of the new image index. */
    public Descriptor descriptor() {
      return Descriptor.of(MediaType.OCI_INDEX, indexDigest, indexBytes.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Result && Arrays.equals(indexBytes, ((Result) o).indexBytes)
          && manifests.equals(((Result) o).manifests);
    }

    @Override
    public int hashCode() {
      return indexDigest.hashCode();
    }
  }

  private SociConvert() {}

  /**
   * Converts a single-manifest source (step 1, second case).
   *
   * @param manifest the source image manifest as fetched
   * @param configPlatform the platform from the image config (normalised here)
   */
  public static Result convertManifest(OciDocument manifest, Platform configPlatform, List<PlatformIndex> indexes)
      throws SociBuildException {
    if (!manifest.isManifest()) {
      throw new IllegalArgumentException("not an image manifest: " + manifest);
    }
    Platform p = configPlatform.normalize();
    Descriptor target = manifest.descriptor()
        .withPlatform(Platform.of(p.os(), p.architecture(), p.variant()));
    ImageIndex index = new ImageIndex(2, MediaType.OCI_INDEX, "", List.of(target), null, Map.of(), Map.of());
    return convert(index, Map.of(manifest.digest(), manifest), indexes);
  }

  /** Converts an image index or Docker manifest list source (step 1, first case). */
  public static Result convertIndex(OciDocument source, Map<Digest, OciDocument> availableManifests,
      List<PlatformIndex> indexes) throws SociBuildException {
    if (!source.isIndex()) {
      throw new IllegalArgumentException("not an image index: " + source);
    }
    return convert(source.index().withMediaType(MediaType.OCI_INDEX), availableManifests, indexes);
  }

  private static Result convert(ImageIndex index, Map<Digest, OciDocument> available, List<PlatformIndex> indexes)
      throws SociBuildException {
    if (indexes.isEmpty()) {
      throw new SociBuildException("no SOCI index was built for any platform: " + EmptySociIndexException.MESSAGE);
    }
    Map<Digest, PlatformIndex> byManifest = new LinkedHashMap<>();
    for (PlatformIndex pi : indexes) {
      byManifest.put(pi.imageManifestDigest(), pi);
    }
    // Step 4: rewrite every available image manifest.
    List<Descriptor> entries = new ArrayList<>();
    List<RewrittenManifest> rewritten = new ArrayList<>();
    Map<Digest, Descriptor> newEntryFor = new LinkedHashMap<>();
    for (Descriptor entry : index.manifests()) {
      OciDocument doc = available.get(entry.digest());
      if (doc == null || !doc.isManifest() || isSociIndexEntry(entry)) {
        entries.add(entry);
        continue;
      }
      Map<String, String> annotations = new LinkedHashMap<>(doc.manifest().annotations());
      PlatformIndex pi = byManifest.get(entry.digest());
      if (pi != null) {
        annotations.put(SociAnnotations.INDEX_DIGEST, pi.index().digest().toString());
      }
      ImageManifest manifest = doc.manifest()
          .withMediaType(MediaType.OCI_MANIFEST)
          .withConfig(doc.manifest().config().withMediaType(MediaType.OCI_CONFIG))
          .withAnnotations(annotations);
      // Re-serialization drops unknown members, as Go does.
      manifest = new ImageManifest(manifest.schemaVersion(), manifest.mediaType(), manifest.artifactType(),
          manifest.config(), manifest.layers(), manifest.subject(), manifest.annotations(), Map.of());
      byte[] bytes = OciJson.write(manifest);
      Digest digest = Digest.of(bytes);
      rewritten.add(new RewrittenManifest(entry.digest(), manifest, bytes, digest));
      Descriptor updated = entry.withContent(digest, bytes.length)
          .withMediaType(MediaType.OCI_MANIFEST)
          .withAnnotations(manifest.annotations());
      entries.add(updated);
      newEntryFor.put(entry.digest(), updated);
    }
    // Step 5: one descriptor per SOCI index, replacing an earlier one for the same platform.
    for (PlatformIndex pi : indexes) {
      Descriptor image = newEntryFor.get(pi.imageManifestDigest());
      if (image == null) {
        throw new SociBuildException("SOCI index " + pi.index().digest() + " was built for image manifest "
            + pi.imageManifestDigest() + ", which is not an available manifest of the source");
      }
      Platform platform = pi.platform() != null ? pi.platform() : image.platform();
      Descriptor soci = Descriptor.of(MediaType.OCI_MANIFEST, pi.index().digest(), pi.index().size())
          .withAnnotation(SociAnnotations.IMAGE_MANIFEST_DIGEST, image.digest().toString())
          .withPlatform(platform)
          .withArtifactType(MediaType.SOCI_INDEX_V2);
      int existing = findSociEntry(entries, platform);
      if (existing >= 0) {
        entries.set(existing, soci);
      } else {
        entries.add(soci);
      }
    }
    ImageIndex result = index.withManifests(entries);
    result = new ImageIndex(result.schemaVersion(), result.mediaType(), result.artifactType(), result.manifests(),
        result.subject(), result.annotations(), Map.of());
    byte[] bytes = OciJson.write(result);
    return new Result(result, bytes, Digest.of(bytes), rewritten);
  }

  private static boolean isSociIndexEntry(Descriptor d) {
    return MediaType.SOCI_INDEX_V2.equals(d.artifactType());
  }

  private static int findSociEntry(List<Descriptor> entries, Platform platform) {
    for (int i = 0; i < entries.size(); i++) {
      Descriptor d = entries.get(i);
      if (isSociIndexEntry(d) && Objects.equals(d.platform(), platform)) {
        return i;
      }
    }
    return -1;
  }
}
