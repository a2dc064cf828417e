package dev.sociscope.core.profile;

import dev.sociscope.core.extract.SpanRange;
import dev.sociscope.core.oci.Digest;
import java.util.List;

/**
 * What a container start costs for one platform of an image, full pull against lazy loading with SOCI.
 *
 * @param platform {@code linux/amd64}, or empty for a single-platform image whose config names none
 * @param manifest the image manifest's digest
 * @param index the SOCI index used (the runtime's choice), or null when the image has none
 * @param spanSize the index's span size (0 without an index)
 * @param layers per layer, in image order
 * @param notFound paths found in no indexed layer (they may be in an unindexed layer, pulled whole anyway)
 * @param indexBytes the SOCI index manifest
 * @param ztocBytes every zTOC of the index (the runtime fetches them all before mounting)
 * @param fullPullBytes every layer plus the config: what a start without SOCI downloads
 */
public record StartupProfile(String platform, Digest manifest, Digest index, long spanSize, List<Layer> layers,
    List<String> notFound, long indexBytes, long ztocBytes, long fullPullBytes) {

  public StartupProfile {
    layers = List.copyOf(layers);
    notFound = List.copyOf(notFound);
  }

  /**
   * One layer.
   *
   * @param size compressed bytes
   * @param files the profile's paths whose data this layer holds (after overlay rules and symlinks)
   * @param spans the spans those files need, merged, as inclusive pairs
   * @param lazyBytes what a lazy start fetches from this layer: for an indexed layer the gzip header and those
   *     spans (what {@code sociscope get} fetches), for an unindexed one the whole layer
   * @param rangeRequests how many range requests those reads take (one per merged run of spans)
   */
  public record Layer(Digest digest, long size, boolean indexed, List<String> files, List<SpanRange> spans,
      long lazyBytes, long rangeRequests) {
    public Layer {
      files = List.copyOf(files);
      spans = List.copyOf(spans);
    }
  }

  /** The bytes a lazy start downloads: index, zTOCs, and each layer's {@link Layer#lazyBytes}. */
  public long lazyBytes() {
    return indexBytes + ztocBytes + layers.stream().mapToLong(Layer::lazyBytes).sum();
  }

  /**
   * Estimated download seconds on {@code link}. Full pull: manifest, config, then the layers in parallel (3 round
   * trips). Lazy: discovery of the index and its manifest, the zTOCs in parallel (3 round trips), then each file
   * read on demand, one round trip per range request while the container waits; unindexed layers download
   * alongside. Lazy with prefetch: the same, but the spans are fetched up front in parallel (1 round trip).
   */
  public Seconds seconds(Link link) {
    long requests = layers.stream().mapToLong(Layer::rangeRequests).sum();
    return new Seconds(link.seconds(fullPullBytes, 3), link.seconds(lazyBytes(), 3 + requests),
        link.seconds(lazyBytes(), 3 + (requests > 0 ? 1 : 0)));
  }

  /**
   * This start with the index built at another span size ({@code row} of a {@link WhatIf} of the same profile):
   * per layer the spans, bytes and requests of that row, the zTOCs of that size; the index manifest and the full
   * pull stay. Layers the row does not index are pulled whole.
   */
  public StartupProfile atSpanSize(WhatIf.SpanRow row) {
    if (row.layers().size() != layers.size()) {
      throw new IllegalArgumentException("the what-if row has " + row.layers().size() + " layers, the profile "
          + layers.size());
    }
    List<Layer> out = new java.util.ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      WhatIf.LayerCost c = row.layers().get(i);
      out.add(new Layer(l.digest(), l.size(), c.indexed(), l.files(), c.spans(), c.lazyBytes(), c.rangeRequests()));
    }
    return new StartupProfile(platform, manifest, index, row.spanSize(), out, notFound, indexBytes, row.ztocBytes(),
        fullPullBytes);
  }

  /** Seconds of a start's downloads: full pull, lazy, lazy with the profile's files prefetched. */
  public record Seconds(double fullPull, double lazy, double lazyPrefetched) {}
}
