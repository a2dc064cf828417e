package dev.sociscope.app.service;

import dev.sociscope.core.format.ByteSize;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.common.Messages;
import dev.sociscope.core.image.ImageConfigSummary;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Platform;
import dev.sociscope.core.workflow.FoundIndex;
import dev.sociscope.core.workflow.ImageOverview;
import dev.sociscope.core.workflow.LayerStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Words for what core found about an image ({@link ImageOverview}): the facts, the indexes and each layer's status
 * with core's reason. No SOCI rule is applied here; core decided.
 */
final class ImageDetailsMapper {
  private ImageDetailsMapper() {}

  static ImageDetails map(String reference, ImageOverview o) {
    List<String> platforms = o.platforms().stream().map(Platform::format).toList();
    String shown = o.top().isIndex() && o.shown().platform() != null ? o.shown().platform().format() : "";
    List<ImageDetails.SociIndexRow> rows = new ArrayList<>();
    for (FoundIndex f : o.indexes()) {
      if (f.usable()) {
        rows.add(new ImageDetails.SociIndexRow(f.descriptor().digest().toString(),
            f.index().version().name().toLowerCase(java.util.Locale.ROOT), f.index().buildToolIdentifier(),
            f.index().ztocs().size(), f.descriptor().size()));
      }
    }
    List<ImageDetails.Layer> layers = new ArrayList<>();
    for (LayerStatus l : o.layers()) {
      Descriptor d = l.layer();
      boolean indexed = l.indexed();
      layers.add(new ImageDetails.Layer(l.position(), d.digest().toString(), d.mediaType(), d.size(),
          indexed ? l.ztoc().ztocDigest().toString() : "", indexed ? l.ztoc().ztocSize() : 0,
          indexed ? l.ztoc().spanSize() : 0, status(l)));
    }
    return new ImageDetails(reference, o.top().digest().toString(), o.top().mediaType(), platforms, shown,
        o.shown().manifest().digest().toString(), facts(o.shown().manifest().manifest().config(), o.config()), layers,
        rows);
  }

  private static String status(LayerStatus l) {
    if (l.indexed()) {
      return Messages.get("image.soci.indexed", l.ztoc().spanSize() > 0 ? ByteSize.human(l.ztoc().spanSize()) : "?");
    }
    return Messages.get("image.soci.notIndexedBecause", l.detail());
  }

  private static List<ImageDetails.Fact> facts(Descriptor config, ImageConfigSummary c) {
    List<ImageDetails.Fact> facts = new ArrayList<>();
    facts.add(new ImageDetails.Fact(Messages.get("image.config.digest"), config.digest().toString()));
    if (!c.present()) {
      facts.add(new ImageDetails.Fact(Messages.get("image.config.mediaType"), config.mediaType()));
      return facts;
    }
    fact(facts, "image.config.platform", c.platform());
    fact(facts, "image.config.created", c.created());
    fact(facts, "image.config.entrypoint", String.join(" ", c.entrypoint()));
    fact(facts, "image.config.cmd", String.join(" ", c.cmd()));
    fact(facts, "image.config.workdir", c.workingDir());
    fact(facts, "image.config.user", c.user());
    fact(facts, "image.config.env", c.envCount() == 0 ? "" : Integer.toString(c.envCount()));
    fact(facts, "image.config.history", Integer.toString(c.historyCount()));
    return facts;
  }

  private static void fact(List<ImageDetails.Fact> facts, String key, String value) {
    if (value != null && !value.isEmpty()) {
      facts.add(new ImageDetails.Fact(Messages.get(key), value));
    }
  }
}
