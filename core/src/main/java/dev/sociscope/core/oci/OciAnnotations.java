package dev.sociscope.core.oci;

/** Well-known annotation keys of OCI image layouts and indexes (spec 8.1). */
public final class OciAnnotations {
  /** The name of an image in an OCI layout's {@code index.json}: a tag such as {@code latest} or a full reference. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";
  /** The image name containerd's exporter puts on {@code index.json} entries. */
  public static final String CONTAINERD_IMAGE_NAME = "io.containerd.image.name";

  private OciAnnotations() {}

  /**
   * The name of an {@code index.json} entry: {@link #REF_NAME}, else {@link #CONTAINERD_IMAGE_NAME}, else null.
   */
  public static String imageName(Descriptor entry) {
    String ref = entry.annotation(REF_NAME);
    return ref != null ? ref : entry.annotation(CONTAINERD_IMAGE_NAME);
  }
}
