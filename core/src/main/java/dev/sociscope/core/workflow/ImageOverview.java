package dev.sociscope.core.workflow;

import dev.sociscope.core.image.ImageConfigSummary;
import dev.sociscope.core.image.PlatformManifest;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.Platform;
import java.util.List;
import java.util.Optional;

/**
 * One platform of an image as an inspector shows it: what the reference names, the platforms it has, the config,
 * every SOCI index of the shown manifest, the one the runtime would use, and each layer's status under it.
 *
 * @param image where the image is, for messages ({@code host/repo:tag}, {@code oci:/dir:tag})
 * @param top the document the reference names (index or manifest)
 * @param platforms the platforms of an image index (empty for a single manifest)
 * @param shown the platform's image manifest shown
 * @param config facts from its config
 * @param indexes the SOCI indexes of the shown manifest, v2 first (the runtime's order)
 * @param layers per layer: indexed by {@link #used()} or why not
 */
public record ImageOverview(String image, OciDocument top, List<Platform> platforms, PlatformManifest shown,
    ImageConfigSummary config, List<FoundIndex> indexes, List<LayerStatus> layers) {
  public ImageOverview {
    platforms = List.copyOf(platforms);
    indexes = List.copyOf(indexes);
    layers = List.copyOf(layers);
  }

  /** The index the runtime would use: the first usable one (v2 before v1). */
  public Optional<FoundIndex> used() {
    return indexes.stream().filter(FoundIndex::usable).findFirst();
  }
}
