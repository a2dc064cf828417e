package dev.sociscope.core.soci;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.MediaType.Compression;
import java.util.Objects;

/**
 * Spec 1.3: whether one layer of an image manifest gets a zTOC, and if not, why. This is the only place the rule
 * lives: the index builder, the create wizard's plan, {@code index info} and the GUI's layer table all ask it, so
 * the faces cannot disagree about the same layer. The checks run in upstream's order (prefetch artifact, layer
 * type, min layer size, compression), so a small zstd layer is "below the min layer size", as upstream says.
 */
public final class LayerRule {
  private LayerRule() {}

  /** What happens to a layer. */
  public enum Verdict {
    /** A zTOC is built. */
    INDEX,
    /** A prefetch artifact listed among the layers: ignored. */
    PREFETCH_ARTIFACT,
    /** {@code size < min layer size}: skipped. */
    BELOW_MIN_SIZE,
    /** zstd or a compression upstream cannot index: skipped. */
    UNSUPPORTED_COMPRESSION,
    /** Not a layer media type: upstream refuses to build an index for the whole image. */
    NOT_A_LAYER
  }

  /**
   * The rule's answer for one layer.
   *
   * @param verdict what happens to the layer
   * @param reason one line for people ("size 3.0 MiB is below the min layer size 10 MiB")
   * @param upstreamMessage the line upstream's CLI prints for a skipped layer (spec 1.4), or null when it prints
   *     none here (indexed layers: the builder prints the zTOC digest)
   */
  public record Decision(Verdict verdict, String reason, String upstreamMessage) {
    public Decision {
      Objects.requireNonNull(verdict, "verdict == null");
      Objects.requireNonNull(reason, "reason == null");
    }

    public boolean indexed() {
      return verdict == Verdict.INDEX;
    }

    /** Whether upstream stops the whole build because of this layer. */
    public boolean failsBuild() {
      return verdict == Verdict.NOT_A_LAYER;
    }
  }

  /** Decides for {@code layer} with the given min layer size (compressed bytes). */
  public static Decision decide(Descriptor layer, long minLayerSize) {
    String mediaType = layer.mediaType();
    if (MediaType.SOCI_PREFETCH.equals(mediaType)) {
      return new Decision(Verdict.PREFETCH_ARTIFACT, "a SOCI prefetch artifact, not an image layer", null);
    }
    if (!MediaType.isLayer(mediaType)) {
      return new Decision(Verdict.NOT_A_LAYER, "media type '" + mediaType + "' is not a layer type: upstream"
          + " refuses to index an image with it (layer " + layer.digest() + ")", null);
    }
    if (layer.size() < minLayerSize) {
      return new Decision(Verdict.BELOW_MIN_SIZE, "size " + layer.size() + " is below the min layer size "
          + minLayerSize, "ztoc skipped - layer " + layer.digest() + " (" + mediaType + ") size " + layer.size()
          + " is less than min-layer-size " + minLayerSize);
    }
    Compression compression = MediaType.compressionOf(mediaType);
    if (!compression.indexable()) {
      String got = compression.upstreamName();
      return new Decision(Verdict.UNSUPPORTED_COMPRESSION, "compressed as " + (got.isEmpty() ? "an unknown format"
          : got) + " (" + mediaType + "): SOCI indexes only gzip and plain tar layers",
          "ztoc skipped - layer " + layer.digest() + " (" + mediaType + ") is compressed in an unsupported format."
              + " expect: [tar, gzip, unknown] but got \"" + got + "\"");
    }
    return new Decision(Verdict.INDEX, "indexed", null);
  }
}
