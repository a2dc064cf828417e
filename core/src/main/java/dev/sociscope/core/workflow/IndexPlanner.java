package dev.sociscope.core.workflow;

import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.image.PlatformManifest;
import dev.sociscope.core.image.UncompressedSize;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.soci.LayerRule;
import dev.sociscope.core.soci.SociIndexOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Makes an {@link IndexPlan}: the platforms {@code create} would select and {@link LayerRule} per layer. */
public final class IndexPlanner {
  private final ImageSource source;

  public IndexPlanner(ImageSource source) {
    this.source = source;
  }

  /** Plans the image {@code reference} of the source for the selected platforms. */
  public IndexPlan plan(String reference, ImageResolver.PlatformSelection selection, SociIndexOptions options)
      throws IOException {
    OciDocument top = source.manifest(reference);
    List<IndexPlan.PlatformPlan> platforms = new ArrayList<>();
    for (PlatformManifest pm : ImageResolver.resolve(source, top, selection)) {
      platforms.add(plan(pm, options));
    }
    return new IndexPlan(options, platforms);
  }

  /** Plans one image manifest. Reads 4 bytes per indexed gzip layer (its trailer) to count spans. */
  public IndexPlan.PlatformPlan plan(PlatformManifest pm, SociIndexOptions options) {
    List<Descriptor> layers = pm.manifest().manifest().layers();
    List<IndexPlan.LayerPlan> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Descriptor layer = layers.get(i);
      LayerRule.Decision rule = LayerRule.decide(layer, options.minLayerSize());
      if (!rule.indexed()) {
        out.add(new IndexPlan.LayerPlan(i, layer, rule, layer.size(), false, 0));
        continue;
      }
      UncompressedSize.Estimate size = UncompressedSize.of(source, layer);
      out.add(new IndexPlan.LayerPlan(i, layer, rule, size.bytes(), size.exact(),
          expectedSpans(size.bytes(), options.spanSize())));
    }
    return new IndexPlan.PlatformPlan(pm, out);
  }

  /**
   * Spans of a layer: a checkpoint opens span 0, and a new one follows each time a little more than the span size
   * has been inflated (spec 1.1), so about one span per full span size plus the one being filled.
   */
  static long expectedSpans(long uncompressedBytes, long spanSize) {
    return uncompressedBytes / spanSize + 1;
  }
}
