package dev.sociscope.core.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * A manifest-like document exactly as received, with its digest over those bytes and its parsed form.
 *
 * <p>The digest is always computed over the received bytes, never over a re-serialization (ggcr's
 * {@code RawManifest()} next to {@code Manifest()}). The effective media type is the body's {@code mediaType}
 * when present, else the HTTP Content-Type when it names a manifest type, else inferred from the shape:
 * {@code manifests} means an OCI index, {@code config} (+{@code layers}) an OCI manifest. umoci, for one, writes
 * manifests without {@code mediaType}.
 */
public final class OciDocument {
  /** What the document is. */
  public enum Kind {
    /** OCI image index or Docker manifest list: {@link #index()} is available. */
    INDEX,
    /** OCI image manifest or Docker v2 schema 2 manifest (SOCI index manifests too): {@link #manifest()}. */
    MANIFEST,
    /** Legacy OCI artifact manifest ({@code blobs} instead of {@code layers}): {@link #artifactManifest()}. */
    ARTIFACT_MANIFEST
  }

  private final byte[] bytes;
  private final Digest digest;
  private final String mediaType;
  private final Kind kind;
  private final JsonNode json;
  private final ImageManifest manifest;
  private final ImageIndex index;
  private final ArtifactManifest artifactManifest;
  private final String contentType;

  private OciDocument(byte[] bytes, String contentType, String mediaType, Kind kind, JsonNode json,
      ImageManifest manifest, ImageIndex index) throws OciFormatException {
    this.contentType = contentType;
    this.bytes = bytes;
    this.digest = Digest.of(bytes);
    this.mediaType = mediaType;
    this.kind = kind;
    this.json = json;
    this.manifest = manifest;
    this.index = index;
    this.artifactManifest = kind == Kind.ARTIFACT_MANIFEST ? ArtifactManifest.from(json) : null;
  }

  /** Parses a document whose Content-Type is unknown. */
  public static OciDocument parse(byte[] bytes) throws OciFormatException {
    return parse(bytes, null);
  }

  /**
   * Parses a manifest or index.
   *
   * @param contentType the HTTP Content-Type or a descriptor's media type, or null; parameters are ignored
   * @throws OciFormatException for malformed JSON, Docker schema 1, or a document that is neither a manifest nor
   *     an index
   */
  public static OciDocument parse(byte[] bytes, String contentType) throws OciFormatException {
    byte[] copy = bytes.clone();
    JsonNode tree = OciJson.readObject(copy, "manifest");
    String bodyType = tree.path("mediaType").isTextual() ? tree.get("mediaType").textValue() : "";
    String headerType = MediaType.stripParameters(contentType);
    JsonNode schemaVersion = tree.get("schemaVersion");
    if (MediaType.isDockerSchema1(bodyType) || MediaType.isDockerSchema1(headerType)
        || schemaVersion != null && schemaVersion.isIntegralNumber() && schemaVersion.asLong() == 1) {
      throw new OciFormatException("Docker schema 1 manifests are not supported (schemaVersion 1, "
          + MediaType.DOCKER_SCHEMA1_SIGNED + ")");
    }
    String effective = !bodyType.isEmpty() ? bodyType
        : isDocumentType(headerType) ? headerType
        : inferType(tree);
    Kind kind = kindOf(effective, tree);
    final OciDocument doc;
    switch (kind) {
      case INDEX:
        doc = new OciDocument(copy, headerType, effective, kind, tree, null,
            OciJson.indexFrom(tree, "image index"));
        break;
      case MANIFEST:
        doc = new OciDocument(copy, headerType, effective, kind, tree,
            OciJson.manifestFrom(tree, "image manifest"), null);
        break;
      default:
        doc = new OciDocument(copy, headerType, effective, kind, tree, null, null);
        break;
    }
    return doc;
  }

  /**
   * A warning when the body's {@code mediaType} and the Content-Type it was served with disagree (spec 7.5 says
   * they should match), else empty. Generic content types ({@code application/json}, octet-stream) never warn.
   */
  public java.util.Optional<String> mediaTypeMismatch() {
    String body = json.path("mediaType").isTextual() ? json.get("mediaType").textValue() : "";
    if (body.isEmpty() || contentType == null || !isDocumentType(contentType) || body.equals(contentType)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("manifest " + digest + " says mediaType " + body + " but was served as "
        + contentType);
  }

  private static boolean isDocumentType(String type) {
    return MediaType.isIndex(type) || MediaType.isManifest(type) || MediaType.OCI_ARTIFACT_MANIFEST.equals(type);
  }

  private static String inferType(JsonNode tree) throws OciFormatException {
    if (tree.has("manifests")) {
      return MediaType.OCI_INDEX;
    }
    if (tree.has("config")) {
      return MediaType.OCI_MANIFEST;
    }
    if (tree.has("blobs") && tree.has("artifactType")) {
      return MediaType.OCI_ARTIFACT_MANIFEST;
    }
    throw new OciFormatException(
        "manifest: no mediaType and neither \"manifests\" nor \"config\": not an image index or manifest");
  }

  private static Kind kindOf(String type, JsonNode tree) throws OciFormatException {
    if (MediaType.isIndex(type)) {
      return Kind.INDEX;
    }
    if (MediaType.isManifest(type)) {
      return Kind.MANIFEST;
    }
    if (MediaType.OCI_ARTIFACT_MANIFEST.equals(type)) {
      return Kind.ARTIFACT_MANIFEST;
    }
    // A foreign mediaType: go by shape, keep the declared type.
    if (tree.has("manifests")) {
      return Kind.INDEX;
    }
    if (tree.has("config")) {
      return Kind.MANIFEST;
    }
    throw new OciFormatException("manifest: unsupported media type '" + type + "'");
  }

  /** A copy of the bytes as received. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  /** SHA-256 of the bytes as received. */
  public Digest digest() {
    return digest;
  }

  /** The effective media type (see class comment). */
  public String mediaType() {
    return mediaType;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isIndex() {
    return kind == Kind.INDEX;
  }

  public boolean isManifest() {
    return kind == Kind.MANIFEST;
  }

  /** The parsed JSON tree (do not modify). */
  public JsonNode json() {
    return json;
  }

  /** The manifest; throws {@link IllegalStateException} when this is not a manifest. */
  public ImageManifest manifest() {
    if (manifest == null) {
      throw new IllegalStateException("document " + digest + " is a " + kind + ", not a manifest");
    }
    return manifest;
  }

  /** The index; throws {@link IllegalStateException} when this is not an index. */
  public ImageIndex index() {
    if (index == null) {
      throw new IllegalStateException("document " + digest + " is a " + kind + ", not an index");
    }
    return index;
  }

  /** The legacy artifact manifest (read-only display); throws {@link IllegalStateException} for other kinds. */
  public ArtifactManifest artifactManifest() {
    if (kind != Kind.ARTIFACT_MANIFEST) {
      throw new IllegalStateException("document " + digest + " is a " + kind + ", not an artifact manifest");
    }
    return artifactManifest;
  }

  /** {@code {mediaType, digest, size}} of this document, e.g. for a {@code subject}. */
  public Descriptor descriptor() {
    return Descriptor.of(mediaType, digest, bytes.length);
  }

  /** Whether the bytes hash to {@code expected}. */
  public boolean hasDigest(Digest expected) {
    return digest.equals(expected);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OciDocument && Arrays.equals(bytes, ((OciDocument) o).bytes);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return kind + " " + mediaType + " " + digest + " (" + bytes.length + " bytes)";
  }
}
