package dev.sociscope.core.image;

/**
 * What a blob read whole into memory is, and the most sociscope reads of that kind: a hostile or broken store
 * cannot make it allocate more. Manifests and indexes 4 MiB (as containerd and the CNCF registry), image configs
 * 4 MiB (as containers/image), prefetch artifacts 16 MiB, zTOCs 256 MiB (a zTOC of a 10 GiB layer with 1 MiB spans
 * is about 330 MB of checkpoints only when uncompressed; real ones stay far below), anything else 64 MiB.
 */
public enum BlobKind {
  MANIFEST("manifest", 4L << 20),
  CONFIG("image config", 4L << 20),
  PREFETCH("prefetch artifact", 16L << 20),
  ZTOC("zTOC", 256L << 20),
  OTHER("blob", 64L << 20);

  private final String label;
  private final long ceiling;

  BlobKind(String label, long ceiling) {
    this.label = label;
    this.ceiling = ceiling;
  }

  /** For messages: "zTOC", "image config". */
  public String label() {
    return label;
  }

  /** The most bytes read of a blob of this kind. */
  public long ceiling() {
    return ceiling;
  }
}
