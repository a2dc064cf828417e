package dev.sociscope.core.soci;

import dev.sociscope.core.oci.Descriptor;
import java.util.Objects;

/**
 * What the index builder did with one descriptor of the image manifest's {@code layers} (spec 1.3, 1.4).
 *
 * @param position index in the image manifest's {@code layers}
 * @param layer the image layer descriptor
 * @param outcome indexed or why not
 * @param ztoc the zTOC descriptor written into the index, or null when not indexed
 * @param message the line upstream's CLI prints for this layer, or null when it prints none
 */
public record LayerDecision(int position, Descriptor layer, Outcome outcome, ZtocDescriptor ztoc, String message) {

  /** Per-layer outcomes. */
  public enum Outcome {
    /** A zTOC was built (or reused) and listed in the index. */
    INDEXED,
    /** {@code size < min layer size}. */
    SKIPPED_BELOW_MIN_SIZE,
    /** zstd or another compression upstream cannot index. */
    SKIPPED_UNSUPPORTED_COMPRESSION,
    /** A prefetch artifact listed among the layers; ignored. */
    IGNORED_PREFETCH
  }

  public LayerDecision {
    Objects.requireNonNull(layer, "layer == null");
    Objects.requireNonNull(outcome, "outcome == null");
  }

  public boolean indexed() {
    return outcome == Outcome.INDEXED;
  }
}
