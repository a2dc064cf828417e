package dev.sociscope.core.profile;

import java.util.List;

/**
 * What a start would cost with other index options: per span size (zTOC bytes and the bytes the profile's files
 * need) and per min layer size (which layers get a zTOC, and the lazy total).
 *
 * @param exact true when span geometry was measured from the layer bytes (one pass per layer); false when it was
 *     estimated from the existing zTOCs (offsets scaled, compressed sizes interpolated between checkpoints)
 * @param spanRows one row per span size, at {@code baseMinLayerSize}
 * @param baseSpanSize the span size the min-layer-size rows use
 * @param minSizeRows one row per min layer size, at {@code baseSpanSize}
 */
public record WhatIf(boolean exact, List<SpanRow> spanRows, long baseSpanSize, List<MinSizeRow> minSizeRows,
    long baseMinLayerSize) {
  public WhatIf {
    spanRows = List.copyOf(spanRows);
    minSizeRows = List.copyOf(minSizeRows);
  }

  /**
   * @param ztocBytes all zTOCs of the index
   * @param neededBytes what reading the profile's files fetches from indexed layers (headers and spans)
   * @param lazyBytes zTOCs, needed bytes, and every layer without a zTOC whole
   * @param rangeRequests range requests for the needed spans
   * @param layers the same per layer, in image order
   */
  public record SpanRow(long spanSize, long ztocBytes, long neededBytes, long lazyBytes, long rangeRequests,
      List<LayerCost> layers) {
    public SpanRow {
      layers = List.copyOf(layers);
    }
  }

  /**
   * One layer at one span size.
   *
   * @param indexed whether the layer gets a zTOC at the row's min layer size
   * @param ztocBytes its zTOC (0 when not indexed)
   * @param spans the spans the profile's files need, merged (empty when not indexed)
   * @param lazyBytes what a lazy start fetches from it: header and spans, or the whole layer when not indexed
   * @param rangeRequests one per merged run of spans
   */
  public record LayerCost(dev.sociscope.core.oci.Digest digest, boolean indexed, long ztocBytes,
      List<dev.sociscope.core.extract.SpanRange> spans, long lazyBytes, long rangeRequests) {
    public LayerCost {
      spans = List.copyOf(spans);
    }
  }

  /**
   * @param indexedLayers layers that get a zTOC
   * @param lazyBytes zTOCs, needed bytes, and every other layer whole
   */
  public record MinSizeRow(long minLayerSize, int indexedLayers, long lazyBytes) {}
}
