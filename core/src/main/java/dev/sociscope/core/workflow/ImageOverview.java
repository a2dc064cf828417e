package dev.sociscope.core.workflow;

import dev.sociscope.core.image.ImageConfigSummary;
import dev.sociscope.core.image.PlatformManifest;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.Platform;
import dev.sociscope.core.oci.PlatformSelector;
import java.io.IOException;
import java.util.ArrayList;
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

  /** Reads one platform of the opened image; {@code platform} null means the default as {@code create} picks it. */
  static ImageOverview read(OpenedImage loc, Platform platform) throws IOException {
    OciDocument top = loc.store().manifest(loc.reference());
    List<Platform> platforms = new ArrayList<>();
    ImageResolver.PlatformSelection selection = ImageResolver.PlatformSelection.DEFAULT;
    if (top.isIndex()) {
      for (String p : PlatformSelector.available(top.index())) {
        platforms.add(Platform.parse(p));
      }
      Platform wanted = platform != null ? platform : ImageResolver.DEFAULT_PLATFORM;
      if (PlatformSelector.find(top.index(), wanted).isEmpty() && platform == null && !platforms.isEmpty()) {
        wanted = platforms.get(0);
      }
      selection = ImageResolver.PlatformSelection.of(List.of(wanted));
    }
    PlatformManifest shown = ImageResolver.resolve(loc.store(), top, selection).get(0);
    SociDiscoverer discoverer = new SociDiscoverer(loc.store());
    List<FoundIndex> indexes = discoverer.indexesOf(shown,
        top.isIndex() ? new dev.sociscope.core.soci.SociEnabledIndex(top.index()) : null);
    Optional<FoundIndex> used = indexes.stream().filter(FoundIndex::usable).findFirst();
    List<LayerStatus> layers = used.isPresent() ? discoverer.layers(shown, used.get().index(), false)
        : SociDiscoverer.withoutIndex(shown);
    ImageConfigSummary config = ImageConfigSummary.read(loc.store(), shown.manifest().manifest().config());
    return new ImageOverview(loc.display(), top, platforms, shown, config, indexes, layers);
  }
}
