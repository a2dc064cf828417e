package dev.sociscope.core.workflow;

import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.image.PlatformManifest;
import dev.sociscope.core.image.UncompressedSize;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.soci.LayerRule;
import dev.sociscope.core.soci.SociEnabledIndex;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.ZtocDescriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes an {@link IndexPlan}: the platforms {@code create} would select, {@link LayerRule} per layer, the expected
 * spans and zTOC sizes from uncompressed sizes, and {@link IdenticalIndex} against the indexes that already exist.
 * Downloads no layer: 4 bytes per gzip layer (its trailer) and the image's index manifests.
 */
public final class IndexPlanner {
  private final ImageSource source;

  public IndexPlanner(ImageSource source) {
    this.source = source;
  }

  /** Plans the image {@code reference} of the source for the selected platforms. */
  public IndexPlan plan(String reference, ImageResolver.PlatformSelection selection, SociIndexOptions options)
      throws IOException {
    OciDocument top = source.manifest(reference);
    SociEnabledIndex enabled = top.isIndex() ? new SociEnabledIndex(top.index()) : null;
    SociDiscoverer discoverer = new SociDiscoverer(source);
    List<IndexPlan.PlatformPlan> platforms = new ArrayList<>();
    for (PlatformManifest pm : ImageResolver.resolve(source, top, selection)) {
      platforms.add(plan(pm, options, discoverer.indexesOf(pm, enabled)));
    }
    return new IndexPlan(options, platforms);
  }

  /** Plans one image manifest without looking at existing indexes. */
  public IndexPlan.PlatformPlan plan(PlatformManifest pm, SociIndexOptions options) {
    return plan(pm, options, List.of());
  }

  /** Plans one image manifest; {@code existing} are its indexes (TOC sizes and the identical-index check). */
  public IndexPlan.PlatformPlan plan(PlatformManifest pm, SociIndexOptions options, List<FoundIndex> existing) {
    List<Descriptor> layers = pm.manifest().manifest().layers();
    List<IndexPlan.LayerPlan> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Descriptor layer = layers.get(i);
      LayerRule.Decision rule = LayerRule.decide(layer, options.minLayerSize());
      if (!rule.indexed()) {
        out.add(new IndexPlan.LayerPlan(i, layer, rule, layer.size(), IndexPlan.SizeSource.APPROXIMATION, 0, 0));
        continue;
      }
      UncompressedSize.Estimate size = UncompressedSize.of(source, layer);
      boolean tar = isTar(layer);
      long spans = tar ? tarSpans(size.bytes(), options.spanSize()) : expectedSpans(size.bytes(), options.spanSize());
      Optional<ZtocDescriptor> known = existingZtoc(existing, layer);
      IndexPlan.SizeSource from = known.isPresent() ? IndexPlan.SizeSource.EXISTING_ZTOC : !size.exact()
          ? IndexPlan.SizeSource.APPROXIMATION : tar ? IndexPlan.SizeSource.TAR_SIZE
          : IndexPlan.SizeSource.GZIP_TRAILER;
      long toc = known.map(z -> tocBytes(z, size.bytes(), tar)).orElse(approximateTocBytes(size.bytes()));
      out.add(new IndexPlan.LayerPlan(i, layer, rule, size.bytes(), from, spans, ztocBytes(spans, toc, tar)));
    }
    return new IndexPlan.PlatformPlan(pm, out, IdenticalIndex.find(existing, out, options).orElse(null));
  }

  private static boolean isTar(Descriptor layer) {
    return MediaType.compressionOf(layer.mediaType()) != MediaType.Compression.GZIP;
  }

  /** A zTOC of this layer in an existing readable index whose span size is known. */
  private static Optional<ZtocDescriptor> existingZtoc(List<FoundIndex> existing, Descriptor layer) {
    return existing.stream().filter(FoundIndex::usable).flatMap(f -> f.index().ztocs().stream())
        .filter(z -> z.layerDigest().equals(layer.digest()) && z.spanSize() > 0).findFirst();
  }

  /**
   * Spans of a gzip layer: a checkpoint opens span 0, and a new one follows at the first deflate block that starts
   * more than the span size after the last (spec 1.1), so one span per full span plus the one being filled. A
   * full span is longer than the span size by where the next block happens to start: 0.5-2.2% over the five real
   * layers of the benchmark image (Debian files, gzip -6) and the 1.4 GB single-layer one, so
   * {@link #SPAN_OVERSHOOT} of a span is assumed; with it the span counts of those six layers come out exact
   * (without it, three were one too many). A layer that ends just past a multiple of the span size may still get
   * one span fewer (the final block never opens a span).
   */
  static long expectedSpans(long uncompressedBytes, long spanSize) {
    return (long) (uncompressedBytes / (spanSize * (1 + SPAN_OVERSHOOT))) + 1;
  }

  /** How much longer than the span size a full gzip span is, on average: see {@link #expectedSpans}. */
  static final double SPAN_OVERSHOOT = 1.0 / 64;

  /** A plain tar layer is cut into fixed spans of the span size (spec 5.6). */
  static long tarSpans(long bytes, long spanSize) {
    return Math.max(1, (bytes + spanSize - 1) / spanSize);
  }

  /** A zTOC: its fixed part, per span a digest (and a checkpoint for gzip; tar spans need none), and the TOC. */
  static long ztocBytes(long spans, long tocBytes, boolean tar) {
    return IndexPlan.ZTOC_HEADER_BYTES
        + spans * ((tar ? 0 : IndexPlan.CHECKPOINT_BYTES) + IndexPlan.SPAN_DIGEST_BYTES) + tocBytes;
  }

  /** The TOC of an existing zTOC: its size less what its spans take (the TOC does not depend on the span size). */
  static long tocBytes(ZtocDescriptor z, long uncompressedBytes, boolean tar) {
    long spans = tar ? tarSpans(uncompressedBytes, z.spanSize()) : expectedSpans(uncompressedBytes, z.spanSize());
    return Math.max(0, z.ztocSize() - ztocBytes(spans, 0, tar));
  }

  /** See {@link IndexPlan#APPROX_UNCOMPRESSED_BYTES_PER_ENTRY}. */
  static long approximateTocBytes(long uncompressedBytes) {
    return (uncompressedBytes / IndexPlan.APPROX_UNCOMPRESSED_BYTES_PER_ENTRY + 1)
        * IndexPlan.APPROX_TOC_BYTES_PER_ENTRY;
  }
}
