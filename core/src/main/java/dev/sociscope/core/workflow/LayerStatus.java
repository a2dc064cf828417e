package dev.sociscope.core.workflow;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.soci.ZtocDescriptor;
import java.util.Objects;

/**
 * Whether one layer of an image manifest is indexed by a SOCI index, and if not, the likely reason (spec 1.3, 1.4).
 *
 * @param position index in the manifest's {@code layers}
 * @param layer the image layer
 * @param state indexed, or why not
 * @param ztoc the zTOC descriptor; null when not indexed
 * @param spans span count of the zTOC, -1 when not fetched
 * @param files entry count of the zTOC, -1 when not fetched
 * @param detail a readable explanation
 */
public record LayerStatus(int position, Descriptor layer, State state, ZtocDescriptor ztoc, long spans, long files,
    String detail) {

  /** Per-layer states. */
  public enum State {
    INDEXED,
    /** The image manifest has no usable SOCI index; the detail says what {@code create} would do by default. */
    NO_INDEX,
    /** The layer is smaller than the (default or observed) min layer size. */
    BELOW_MIN_SIZE,
    /** zstd or another format SOCI cannot index. */
    UNSUPPORTED_FORMAT,
    /** A SOCI prefetch artifact listed among the layers. */
    PREFETCH_ARTIFACT,
    /** Not a layer media type. */
    NOT_A_LAYER,
    /** The index names a zTOC whose blob is not in the repository. */
    ZTOC_MISSING,
    /** Not in the index for no reason visible from the outside (e.g. built with another min layer size). */
    NOT_INDEXED
  }

  public LayerStatus {
    Objects.requireNonNull(layer, "layer == null");
    Objects.requireNonNull(state, "state == null");
  }

  public boolean indexed() {
    return state == State.INDEXED;
  }
}
