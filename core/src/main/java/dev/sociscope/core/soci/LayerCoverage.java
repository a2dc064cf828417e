package dev.sociscope.core.soci;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.MediaType.Compression;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which layers of an image manifest a SOCI index covers, and why the others are not covered, inferred from the
 * rules of spec 1.3 (the index does not record the min layer size it was built with). For inspectors: "indexed
 * (zTOC, span size)" or "not indexed: reason".
 *
 * @param position index in the image manifest's {@code layers}
 * @param layer the image layer descriptor
 * @param ztoc the zTOC descriptor, or null when not indexed
 * @param reason why, as far as it can be told
 */
public record LayerCoverage(int position, Descriptor layer, ZtocDescriptor ztoc, Reason reason) {

  /** Why a layer is or is not indexed. */
  public enum Reason {
    INDEXED("indexed"),
    PREFETCH_ARTIFACT("prefetch artifact, not a layer"),
    NOT_A_LAYER("not a layer media type (upstream would refuse to build)"),
    UNSUPPORTED_COMPRESSION("compressed in a format SOCI cannot index (e.g. zstd)"),
    BELOW_MIN_LAYER_SIZE("smaller than the min layer size the index was built with"),
    UNKNOWN("not indexed; no rule explains why (built with other options, or by another tool)");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    /** A short English sentence for display. */
    public String description() {
      return description;
    }
  }

  public LayerCoverage {
    Objects.requireNonNull(layer, "layer == null");
    Objects.requireNonNull(reason, "reason == null");
  }

  public Optional<ZtocDescriptor> ztocDescriptor() {
    return Optional.ofNullable(ztoc);
  }

  /**
   * One entry per image layer. A skipped layer counts as {@link Reason#BELOW_MIN_LAYER_SIZE} when it is smaller
   * than upstream's default min layer size, or smaller than every layer the index does cover.
   */
  public static List<LayerCoverage> of(List<Descriptor> layers, SociIndex index) {
    long smallestIndexed = Long.MAX_VALUE;
    for (Descriptor layer : layers) {
      if (index.ztocFor(layer.digest()).isPresent()) {
        smallestIndexed = Math.min(smallestIndexed, layer.size());
      }
    }
    List<LayerCoverage> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Descriptor layer = layers.get(i);
      Optional<ZtocDescriptor> ztoc = index.ztocFor(layer.digest());
      out.add(new LayerCoverage(i, layer, ztoc.orElse(null),
          ztoc.isPresent() ? Reason.INDEXED : reasonNotIndexed(layer, smallestIndexed)));
    }
    return out;
  }

  private static Reason reasonNotIndexed(Descriptor layer, long smallestIndexed) {
    String mediaType = layer.mediaType();
    if (MediaType.SOCI_PREFETCH.equals(mediaType)) {
      return Reason.PREFETCH_ARTIFACT;
    }
    if (!MediaType.isLayer(mediaType)) {
      return Reason.NOT_A_LAYER;
    }
    Compression c = MediaType.compressionOf(mediaType);
    if (c == Compression.ZSTD || c == Compression.UNSUPPORTED) {
      return Reason.UNSUPPORTED_COMPRESSION;
    }
    if (layer.size() < SociDefaults.MIN_LAYER_SIZE || layer.size() < smallestIndexed) {
      return Reason.BELOW_MIN_LAYER_SIZE;
    }
    return Reason.UNKNOWN;
  }
}
