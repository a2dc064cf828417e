package dev.sociscope.core.diff;

import dev.sociscope.core.oci.Digest;
import java.util.List;

/**
 * How two SOCI indexes differ: layer by layer (matched by layer digest, else by position), zTOCs reused or rebuilt,
 * span sizes, files (from the zTOCs), and sizes.
 *
 * @param a the first index
 * @param b the second index
 * @param layers one row per layer of either index
 * @param indexBytesDelta size of B's index manifest minus A's
 * @param ztocBytesDelta total zTOC bytes of B minus A
 */
public record IndexDiff(Digest a, Digest b, List<LayerDiff> layers, long indexBytesDelta, long ztocBytesDelta) {
  public IndexDiff {
    layers = List.copyOf(layers);
  }

  /** What happened to a layer's zTOC between A and B. */
  public enum Change {
    /** The same zTOC (same digest) in both. */
    REUSED,
    /** The same layer, another zTOC (other span size or tool). */
    REBUILT,
    /** Another layer in the same position: its files are compared. */
    REPLACED,
    /** Only in A. */
    DROPPED,
    /** Only in B. */
    ADDED
  }

  /**
   * One layer.
   *
   * @param layerA the layer in A (null when added)
   * @param layerB the layer in B (null when dropped)
   * @param spanSizeA span size of A's zTOC (0 when none)
   * @param spanSizeB span size of B's zTOC (0 when none)
   * @param ztocBytesA A's zTOC size (0 when none)
   * @param ztocBytesB B's zTOC size (0 when none)
   * @param files file changes between the two zTOCs' tables of contents (empty when reused)
   */
  public record LayerDiff(Change change, Digest layerA, Digest layerB, long spanSizeA, long spanSizeB,
      long ztocBytesA, long ztocBytesB, List<FileChange> files) {
    public LayerDiff {
      files = List.copyOf(files);
    }

    public boolean spanSizeChanged() {
      return spanSizeA != 0 && spanSizeB != 0 && spanSizeA != spanSizeB;
    }
  }

  /** How one path changed. */
  public enum FileChangeKind { ADDED, REMOVED, CHANGED }

  /**
   * One path.
   *
   * @param what the differing attributes for CHANGED ("size 10 -> 12", "mode 644 -> 755", "type", "link"), else
   *     empty
   */
  public record FileChange(FileChangeKind kind, String path, List<String> what) {
    public FileChange {
      what = List.copyOf(what);
    }
  }

  /** Whether any layer's files differ. */
  public boolean filesChanged() {
    return layers.stream().anyMatch(l -> !l.files().isEmpty());
  }
}
