package dev.sociscope.core.soci;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ImageManifest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciFormatException;
import dev.sociscope.core.oci.OciJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A SOCI index manifest (v1 or v2), read from its JSON (spec 2.1 to 2.4, 3.1).
 *
 * <pre>{@code
 * {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
 *  "config":{"mediaType":"application/vnd.amazon.soci.index.v1+json","digest":"sha256:44136fa3…","size":2},
 *  "layers":[{"mediaType":"application/octet-stream","digest":"sha256:0b7e…","size":951200,"annotations":{
 *    "com.amazon.soci.image-layer-digest":"sha256:c3d1…",
 *    "com.amazon.soci.image-layer-mediaType":"application/vnd.oci.image.layer.v1.tar+gzip",
 *    "com.amazon.soci.span-size":"4194304"}}],
 *  "subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:e81c…","size":1614},
 *  "annotations":{"com.amazon.soci.build-tool-identifier":"AWS SOCI CLI v0.2"}}
 * }</pre>
 *
 * <p>Reading follows the runtime: {@code config.mediaType} must be a SOCI type (else
 * {@link UnknownIndexVersionException}); {@code layers} of type {@code application/octet-stream} are zTOCs keyed by
 * {@code com.amazon.soci.image-layer-digest}, prefetch-typed ones are prefetch artifacts, others are ignored. A
 * foreign top-level {@code artifactType} is tolerated. The digest of an index is the digest of the bytes received
 * (see {@link OciDocument}); use {@link #canonicalBytes()} to check whether those bytes survive the runtime's
 * re-encode.
 *
 * @param version v1 or v2
 * @param manifest the whole manifest as read
 * @param ztocs zTOC descriptors in document order
 * @param prefetches prefetch descriptors in document order
 */
public record SociIndex(SociVersion version, ImageManifest manifest, List<ZtocDescriptor> ztocs,
    List<PrefetchDescriptor> prefetches) {

  public SociIndex {
    Objects.requireNonNull(version, "version == null");
    Objects.requireNonNull(manifest, "manifest == null");
    ztocs = List.copyOf(ztocs);
    prefetches = List.copyOf(prefetches);
  }

  /** Parses index manifest bytes. */
  public static SociIndex parse(byte[] bytes) throws OciFormatException {
    return from(OciDocument.parse(bytes, MediaType.OCI_MANIFEST));
  }

  /** Reads the SOCI index inside an already parsed document. */
  public static SociIndex from(OciDocument document) throws OciFormatException {
    if (document.kind() == OciDocument.Kind.ARTIFACT_MANIFEST) {
      throw new SociFormatException("legacy SOCI index in an OCI artifact manifest ("
          + MediaType.OCI_ARTIFACT_MANIFEST + "): not supported by current upstream, cannot be read");
    }
    if (!document.isManifest()) {
      throw new SociFormatException("a SOCI index must be an image manifest, got " + document.mediaType());
    }
    return from(document.manifest());
  }

  /** Reads the SOCI index fields of a parsed manifest. */
  public static SociIndex from(ImageManifest manifest) throws SociFormatException {
    SociVersion version = SociVersion.fromArtifactType(manifest.config().mediaType());
    if (version == null) {
      throw new UnknownIndexVersionException(manifest.config().mediaType());
    }
    List<ZtocDescriptor> ztocs = new ArrayList<>();
    List<PrefetchDescriptor> prefetches = new ArrayList<>();
    for (int i = 0; i < manifest.layers().size(); i++) {
      Descriptor d = manifest.layers().get(i);
      if (MediaType.ZTOC.equals(d.mediaType())) {
        ztocs.add(new ZtocDescriptor(d, layerDigest(d, i), d.annotations().getOrDefault(
            SociAnnotations.IMAGE_LAYER_MEDIA_TYPE, ""), spanSize(d),
            SociAnnotations.parseGoBool(d.annotation(SociAnnotations.DISABLE_XATTRS))));
      } else if (MediaType.SOCI_PREFETCH.equals(d.mediaType())) {
        prefetches.add(new PrefetchDescriptor(d, layerDigest(d, i)));
      }
    }
    return new SociIndex(version, manifest, ztocs, prefetches);
  }

  private static Digest layerDigest(Descriptor d, int i) throws SociFormatException {
    String text = d.annotation(SociAnnotations.IMAGE_LAYER_DIGEST);
    if (text == null) {
      throw new SociFormatException("SOCI index: layers[" + i + "] (" + d.digest() + ") has no "
          + SociAnnotations.IMAGE_LAYER_DIGEST + " annotation");
    }
    try {
      return Digest.parse(text);
    } catch (IllegalArgumentException e) {
      throw new SociFormatException("SOCI index: layers[" + i + "] annotation "
          + SociAnnotations.IMAGE_LAYER_DIGEST + ": " + e.getMessage(), e);
    }
  }

  private static long spanSize(Descriptor d) {
    String text = d.annotation(SociAnnotations.SPAN_SIZE);
    if (text == null || !text.matches("[0-9]{1,18}")) {
      return -1;
    }
    return Long.parseLong(text);
  }

  /** Whether a manifest is a SOCI index manifest (v1 or v2), judged by {@code config.mediaType}. */
  public static boolean isSociIndex(ImageManifest manifest) {
    return SociVersion.fromArtifactType(manifest.config().mediaType()) != null;
  }

  /**
   * The v1 SOCI indexes among manifests (e.g. all manifests of an OCI layout) whose {@code subject} is the given
   * image manifest (spec 8.1). Manifests that are not SOCI indexes, or cannot be read as one, are skipped.
   */
  public static List<OciDocument> v1IndexesFor(Digest imageManifest, Iterable<OciDocument> manifests) {
    List<OciDocument> out = new ArrayList<>();
    for (OciDocument doc : manifests) {
      if (!doc.isManifest() || !isSociIndex(doc.manifest())) {
        continue;
      }
      Descriptor subject = doc.manifest().subject();
      if (SociVersion.V1.artifactType().equals(doc.manifest().config().mediaType()) && subject != null
          && subject.digest().equals(imageManifest)) {
        out.add(doc);
      }
    }
    return out;
  }

  /**
   * Whether the received bytes are exactly what the runtime re-encodes them to (spec 2.3). When false, the runtime
   * fails with "unable to store index in local store" and the image is not lazily loaded.
   */
  public static boolean isCanonical(OciDocument received) throws OciFormatException {
    return java.util.Arrays.equals(from(received).canonicalBytes(), received.bytes());
  }

  /** The zTOC for an image layer. As in the runtime's map, a later duplicate wins. */
  public Optional<ZtocDescriptor> ztocFor(Digest layerDigest) {
    ZtocDescriptor found = null;
    for (ZtocDescriptor z : ztocs) {
      if (z.layerDigest().equals(layerDigest)) {
        found = z;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The prefetch artifact for an image layer, if any. */
  public Optional<PrefetchDescriptor> prefetchFor(Digest layerDigest) {
    PrefetchDescriptor found = null;
    for (PrefetchDescriptor p : prefetches) {
      if (p.layerDigest().equals(layerDigest)) {
        found = p;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The image manifest this index was built for (v1 only). */
  public Optional<Descriptor> subject() {
    return Optional.ofNullable(manifest.subject());
  }

  /** {@code com.amazon.soci.build-tool-identifier}, or empty. */
  public String buildToolIdentifier() {
    return manifest.annotations().getOrDefault(SociAnnotations.BUILD_TOOL_IDENTIFIER, "");
  }

  /** All blobs the index references: the {@code {}} config, zTOCs, prefetch blobs (for copying). */
  public List<Descriptor> blobs() {
    List<Descriptor> out = new ArrayList<>();
    out.add(manifest.config());
    for (ZtocDescriptor z : ztocs) {
      out.add(z.descriptor());
    }
    for (PrefetchDescriptor p : prefetches) {
      out.add(p.descriptor());
    }
    return out;
  }

  /**
   * The bytes the runtime stores after its decode/re-encode: schema 2, OCI manifest type, no top-level
   * artifactType, unknown fields dropped (spec 2.3). An index is loadable only if its received bytes equal these.
   */
  public byte[] canonicalBytes() {
    ImageManifest m = new ImageManifest(2, MediaType.OCI_MANIFEST, "", manifest.config(), manifest.layers(),
        manifest.subject(), manifest.annotations(), Map.of());
    return OciJson.write(m);
  }
}
