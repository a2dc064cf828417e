package dev.sociscope.core.workflow;

import dev.sociscope.core.image.PlatformManifest;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.soci.LayerRule;
import dev.sociscope.core.soci.SociIndexOptions;
import java.util.List;
import java.util.Objects;

/**
 * What {@code create} or {@code convert} would do to an image, before any layer is downloaded: per selected
 * platform, per layer, {@link LayerRule}'s decision and the expected spans. The GUI's create wizard shows it;
 * {@code create} decides with the same rule, so the two cannot disagree.
 *
 * @param options the options planned with
 * @param platforms one plan per selected platform, in the order they would be built
 */
public record IndexPlan(SociIndexOptions options, List<PlatformPlan> platforms) {
  /** A gzip checkpoint record: offsets, bits and the 32 KiB window (spec 1.2). */
  public static final long CHECKPOINT_BYTES = 32785;
  /** A rough allowance per zTOC for its TOC, header and span digests, before the files are known. */
  public static final long ZTOC_OVERHEAD_BYTES = 4096;

  public IndexPlan {
    Objects.requireNonNull(options, "options == null");
    platforms = List.copyOf(platforms);
  }

  /**
   * One layer of the plan.
   *
   * @param position index in the image manifest's {@code layers}
   * @param rule indexed or why not
   * @param uncompressedBytes the layer's uncompressed size (see {@code exactSize})
   * @param exactSize whether {@code uncompressedBytes} was read from the layer (tar size or gzip trailer)
   * @param spans expected span count when indexed, else 0
   */
  public record LayerPlan(int position, Descriptor layer, LayerRule.Decision rule, long uncompressedBytes,
      boolean exactSize, long spans) {
    public boolean indexed() {
      return rule.indexed();
    }
  }

  /** The plan for one platform's image manifest. */
  public record PlatformPlan(PlatformManifest manifest, List<LayerPlan> layers) {
    public PlatformPlan {
      layers = List.copyOf(layers);
    }

    public long indexedLayers() {
      return layers.stream().filter(LayerPlan::indexed).count();
    }

    public long spans() {
      return layers.stream().mapToLong(LayerPlan::spans).sum();
    }

    /** Estimated bytes of the zTOCs: checkpoints plus a per-zTOC allowance. */
    public long estimatedIndexBytes() {
      return spans() * CHECKPOINT_BYTES + indexedLayers() * ZTOC_OVERHEAD_BYTES;
    }

    /** The layer that makes upstream refuse the whole image (not a layer type), if any. */
    public java.util.Optional<LayerPlan> blocker() {
      return layers.stream().filter(l -> l.rule().failsBuild()).findFirst();
    }

    /** Whether building would give an index: no blocker and at least one layer indexed. */
    public boolean buildable() {
      return blocker().isEmpty() && indexedLayers() > 0;
    }
  }
}
