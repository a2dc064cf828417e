package dev.sociscope.core.soci;

import dev.sociscope.core.oci.Digest;

/** Annotation keys and fixed values of SOCI artifacts (spec 1.2, 1.5). */
public final class SociAnnotations {
  /** On zTOC and prefetch descriptors: the digest of the image layer the blob describes. */
  public static final String IMAGE_LAYER_DIGEST = "com.amazon.soci.image-layer-digest";
  /** On zTOC descriptors: the image layer's media type (note the capital T). */
  public static final String IMAGE_LAYER_MEDIA_TYPE = "com.amazon.soci.image-layer-mediaType";
  /** On zTOC descriptors (newer builds): the span size as a decimal string. */
  public static final String SPAN_SIZE = "com.amazon.soci.span-size";
  /** On zTOC descriptors, optional: {@code "true"} when the layer has no xattrs and no opaque whiteouts. */
  public static final String DISABLE_XATTRS = "com.amazon.soci.disable-xattrs";
  /** On the index manifest: the tool that built it. */
  public static final String BUILD_TOOL_IDENTIFIER = "com.amazon.soci.build-tool-identifier";
  /** On an image manifest of a SOCI-enabled image (and its descriptor): the v2 SOCI index digest. */
  public static final String INDEX_DIGEST = "com.amazon.soci.index-digest";
  /** On the SOCI index descriptor in a SOCI-enabled image index: the annotated image manifest digest. */
  public static final String IMAGE_MANIFEST_DIGEST = "com.amazon.soci.image-manifest-digest";
  /** containerd snapshot label carrying an explicit index digest. */
  public static final String SNAPSHOT_LABEL_INDEX_DIGEST = "containerd.io/snapshot/remote/soci.index.digest";

  /** The 2-byte blob {@code {}} used as the config of every SOCI index manifest. */
  public static final byte[] EMPTY_JSON = {'{', '}'};
  /** {@code sha256:44136fa3…}, the digest of {@link #EMPTY_JSON}. */
  public static final Digest EMPTY_JSON_DIGEST =
      Digest.parse("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");

  private SociAnnotations() {}

  /** Go's {@code strconv.ParseBool}; anything it rejects counts as false, as the runtime then ignores it. */
  public static boolean parseGoBool(String value) {
    if (value == null) {
      return false;
    }
    switch (value) {
      case "1": case "t": case "T": case "TRUE": case "true": case "True":
        return true;
      default:
        return false;
    }
  }
}
