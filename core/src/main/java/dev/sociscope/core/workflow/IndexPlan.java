package dev.sociscope.core.workflow;

import dev.sociscope.core.image.PlatformManifest;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.soci.LayerRule;
import dev.sociscope.core.soci.SociIndexOptions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code create} or {@code convert} would do to an image, before any layer is downloaded: per selected
 * platform, per layer, {@link LayerRule}'s decision, the expected spans and zTOC size, and whether an index with the
 * same options already exists. The GUI's create wizard shows it; {@code create} decides with the same rule, so the
 * two cannot disagree.
 *
 * @param options the options planned with
 * @param platforms one plan per selected platform, in the order they would be built (one index each)
 */
public record IndexPlan(SociIndexOptions options, List<PlatformPlan> platforms) {
  /** A gzip checkpoint record: offsets, bits and the 32 KiB window (spec 1.2). */
  public static final long CHECKPOINT_BYTES = 32785;
  /** Per span besides its checkpoint: the span digest string ({@code sha256:} + 64 hex) in the FlatBuffer. */
  public static final long SPAN_DIGEST_BYTES = 80;
  /** The zTOC's fixed part: FlatBuffer tables, version and build tool strings, the zinfo blob header. */
  public static final long ZTOC_HEADER_BYTES = 256;
  /**
   * The approximation when no zTOC of the layer exists to read its TOC from: one TOC entry per 40 KiB of
   * uncompressed data (as a Debian 12 {@code /usr}: 138,616 entries in 5.5 GB; {@code /usr/share} alone has one per
   * 11 KiB), about 200 bytes each (name, type, offsets, mode, owner, time in the FlatBuffer).
   */
  public static final long APPROX_UNCOMPRESSED_BYTES_PER_ENTRY = 40 * 1024;
  public static final long APPROX_TOC_BYTES_PER_ENTRY = 200;

  public IndexPlan {
    Objects.requireNonNull(options, "options == null");
    platforms = List.copyOf(platforms);
  }

  /** Where a layer's uncompressed size and TOC size in the plan come from. */
  public enum SizeSource {
    /** A plain tar layer: its size is its uncompressed size; the TOC size is approximated. */
    TAR_SIZE,
    /** The gzip trailer's ISIZE (one 4-byte range request; the size modulo 2^32); the TOC size is approximated. */
    GZIP_TRAILER,
    /** An existing zTOC of the layer (another index): its TOC is reused as is, the size from the gzip trailer. */
    EXISTING_ZTOC,
    /** Nothing could be read (no range support, or not indexed): the compressed size stands in. */
    APPROXIMATION
  }

  /**
   * One layer of the plan.
   *
   * @param position index in the image manifest's {@code layers}
   * @param rule indexed or why not
   * @param uncompressedBytes the layer's uncompressed size (see {@code source})
   * @param source where the sizes come from
   * @param spans expected span count when indexed, else 0
   * @param ztocBytes expected zTOC size when indexed, else 0
   */
  public record LayerPlan(int position, Descriptor layer, LayerRule.Decision rule, long uncompressedBytes,
      SizeSource source, long spans, long ztocBytes) {
    public boolean indexed() {
      return rule.indexed();
    }

    /** Whether the uncompressed size was read from the layer (tar size or gzip trailer) rather than assumed. */
    public boolean exactSize() {
      return source != SizeSource.APPROXIMATION;
    }
  }

  /**
   * The plan for one platform's image manifest.
   *
   * @param identical an existing index of this image manifest built with the same options (see
   *     {@link IdenticalIndex}), or null: building again would give the same index
   */
  public record PlatformPlan(PlatformManifest manifest, List<LayerPlan> layers, FoundIndex identical) {
    public PlatformPlan {
      layers = List.copyOf(layers);
    }

    public PlatformPlan(PlatformManifest manifest, List<LayerPlan> layers) {
      this(manifest, layers, null);
    }

    public long indexedLayers() {
      return layers.stream().filter(LayerPlan::indexed).count();
    }

    public long spans() {
      return layers.stream().mapToLong(LayerPlan::spans).sum();
    }

    /** Expected bytes of the zTOCs: per layer checkpoints, span digests and TOC (see {@link LayerPlan#source}). */
    public long estimatedIndexBytes() {
      return layers.stream().mapToLong(LayerPlan::ztocBytes).sum();
    }

    /** Whether some indexed layer's TOC size is an approximation (no existing zTOC to read it from). */
    public boolean approximated() {
      return layers.stream().anyMatch(l -> l.indexed() && l.source() != SizeSource.EXISTING_ZTOC);
    }

    /** The layer that makes upstream refuse the whole image (not a layer type), if any. */
    public Optional<LayerPlan> blocker() {
      return layers.stream().filter(l -> l.rule().failsBuild()).findFirst();
    }

    /** Whether building would give an index: no blocker and at least one layer indexed. */
    public boolean buildable() {
      return blocker().isEmpty() && indexedLayers() > 0;
    }
  }

  /** Whether every selected platform already has an index with the same options. */
  public boolean allIdentical() {
    return !platforms.isEmpty() && platforms.stream().allMatch(p -> p.identical() != null);
  }
}
