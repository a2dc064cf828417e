package dev.sociscope.core.oci;

import java.util.Locale;

/**
 * The media types an inspector must recognise (spec 1.3, 1.5, 7.5) and small classification helpers.
 *
 * <p>Values are compared exactly, after dropping Content-Type parameters ({@code ; charset=...}) where a value may
 * come from an HTTP header (see {@link #stripParameters(String)}).
 */
public final class MediaType {
  // Manifests and indexes.
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_ARTIFACT_MANIFEST = "application/vnd.oci.artifact.manifest.v1+json";
  public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
  public static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";

  // Configs and small blobs.
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
  public static final String OCTET_STREAM = "application/octet-stream";

  // Layers.
  public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  public static final String OCI_LAYER_NONDISTRIBUTABLE_TAR = "application/vnd.oci.image.layer.nondistributable.v1.tar";
  public static final String OCI_LAYER_NONDISTRIBUTABLE_GZIP =
      "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
  public static final String OCI_LAYER_NONDISTRIBUTABLE_ZSTD =
      "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";
  public static final String DOCKER_LAYER_TAR = "application/vnd.docker.image.rootfs.diff.tar";
  public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  public static final String DOCKER_LAYER_ZSTD = "application/vnd.docker.image.rootfs.diff.tar.zstd";
  public static final String DOCKER_FOREIGN_LAYER_TAR = "application/vnd.docker.image.rootfs.foreign.diff.tar";
  public static final String DOCKER_FOREIGN_LAYER_GZIP = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

  // SOCI.
  public static final String SOCI_INDEX_V1 = "application/vnd.amazon.soci.index.v1+json";
  public static final String SOCI_INDEX_V2 = "application/vnd.amazon.soci.index.v2+json";
  public static final String SOCI_PREFETCH = "application/vnd.amazon.soci.prefetch.v1+json";
  /** zTOC blobs are plain octet streams inside a SOCI index manifest. */
  public static final String ZTOC = OCTET_STREAM;

  /** The Accept header value for manifest requests (spec 7.5), most specific first. */
  public static final String MANIFEST_ACCEPT = String.join(", ", OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST_LIST,
      DOCKER_MANIFEST, OCI_ARTIFACT_MANIFEST);

  /** The compression of a layer media type as containerd classifies it (spec 1.3). */
  public enum Compression {
    GZIP,
    ZSTD,
    /** An uncompressed tar ({@code application/vnd.oci.image.layer.v1.tar}). */
    UNCOMPRESSED,
    /** containerd's "unknown" (Docker {@code .tar}): may or may not be compressed; treated as a tar. */
    UNKNOWN,
    /** A layer type with no compression containerd knows about (e.g. nondistributable tar, odd suffixes). */
    UNSUPPORTED;

    /** Whether SOCI can build a zTOC for a layer of this compression: gzip, tar and "unknown" (spec 1.3 step 4). */
    public boolean indexable() {
      return this == GZIP || this == UNCOMPRESSED || this == UNKNOWN;
    }

    /** The word upstream prints in "expect: [tar, gzip, unknown] but got \"...\"". */
    public String upstreamName() {
      switch (this) {
        case GZIP: return "gzip";
        case ZSTD: return "zstd";
        case UNCOMPRESSED: return "tar";
        case UNKNOWN: return "unknown";
        default: return "";
      }
    }
  }

  private MediaType() {}

  /** Drops {@code ;parameters} and surrounding blanks from a Content-Type value; null stays null. */
  public static String stripParameters(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String bare = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return bare.trim().toLowerCase(Locale.ROOT);
  }

  /** An OCI image index or a Docker manifest list. */
  public static boolean isIndex(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }

  /** An OCI image manifest or a Docker v2 schema 2 manifest (SOCI index manifests included). */
  public static boolean isManifest(String mediaType) {
    return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
  }

  /** Docker schema 1, which this tool does not support. */
  public static boolean isDockerSchema1(String mediaType) {
    return DOCKER_SCHEMA1_SIGNED.equals(mediaType) || DOCKER_SCHEMA1.equals(mediaType);
  }

  /** A v1 or v2 SOCI index artifact type. */
  public static boolean isSociIndex(String mediaType) {
    return SOCI_INDEX_V1.equals(mediaType) || SOCI_INDEX_V2.equals(mediaType);
  }

  /** An image config type (OCI or Docker). */
  public static boolean isConfig(String mediaType) {
    return OCI_CONFIG.equals(mediaType) || DOCKER_CONFIG.equals(mediaType);
  }

  /**
   * Whether upstream accepts this as a layer (spec 1.3 step 2): anything starting with
   * {@code application/vnd.oci.image.layer.}, or a Docker layer type, optionally with a {@code +suffix}.
   */
  public static boolean isLayer(String mediaType) {
    if (mediaType == null) {
      return false;
    }
    if (mediaType.startsWith("application/vnd.oci.image.layer.")) {
      return true;
    }
    String base = withoutSuffixes(mediaType);
    return base.equals(DOCKER_LAYER_TAR) || base.equals(DOCKER_LAYER_GZIP) || base.equals(DOCKER_LAYER_ZSTD)
        || base.equals(DOCKER_FOREIGN_LAYER_TAR) || base.equals(DOCKER_FOREIGN_LAYER_GZIP);
  }

  /**
   * The compression of a layer media type, following containerd's {@code images.DiffCompression}: the {@code +}
   * suffixes are sorted and the last one decides for OCI types; Docker types are matched by name and count as
   * unsupported when wrapped in a suffix. Only the plain OCI tar type is {@link Compression#UNCOMPRESSED}.
   * Call only for types where {@link #isLayer(String)} holds.
   */
  public static Compression compressionOf(String layerMediaType) {
    String base = withoutSuffixes(layerMediaType);
    boolean wrapped = !base.equals(layerMediaType);
    switch (base) {
      case DOCKER_LAYER_GZIP:
      case DOCKER_FOREIGN_LAYER_GZIP:
        return wrapped ? Compression.UNSUPPORTED : Compression.GZIP;
      case DOCKER_LAYER_ZSTD:
        return wrapped ? Compression.UNSUPPORTED : Compression.ZSTD;
      case DOCKER_LAYER_TAR:
      case DOCKER_FOREIGN_LAYER_TAR:
        // A wrapped Docker type (e.g. "+encrypted") has no known compression.
        return wrapped ? Compression.UNSUPPORTED : Compression.UNKNOWN;
      default:
        break;
    }
    if (!layerMediaType.startsWith("application/vnd.oci.image.layer.")) {
      return Compression.UNSUPPORTED;
    }
    String[] parts = layerMediaType.split("\\+");
    if (parts.length == 1) {
      return OCI_LAYER_TAR.equals(layerMediaType) ? Compression.UNCOMPRESSED : Compression.UNSUPPORTED;
    }
    String[] suffixes = java.util.Arrays.copyOfRange(parts, 1, parts.length);
    java.util.Arrays.sort(suffixes);
    switch (suffixes[suffixes.length - 1]) {
      case "gzip":
        return Compression.GZIP;
      case "zstd":
        return Compression.ZSTD;
      default:
        return Compression.UNSUPPORTED;
    }
  }

  private static String withoutSuffixes(String mediaType) {
    int plus = mediaType.indexOf('+');
    return plus < 0 ? mediaType : mediaType.substring(0, plus);
  }
}
