package dev.sociscope.core.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the image manifests of an image index to work on, as {@code soci create}/{@code soci convert} do with
 * {@code --platform} and {@code --all-platforms} (spec 2.6 step 1, 3.2 step 2, 3.6).
 *
 * <p>Entries with an {@code artifactType} (SOCI indexes in SOCI-enabled images) and entries that are not manifests
 * are never picked. With "all platforms", attestation entries ({@code unknown/unknown}) are skipped as well.
 */
public final class PlatformSelector {

  /**
   * One selected manifest.
   *
   * @param manifest its descriptor in the index
   * @param platform the platform it was selected for (the entry's platform, normalised)
   */
  public record Selection(Descriptor manifest, Platform platform) {}

  private PlatformSelector() {}

  /** The first image manifest entry matching a platform (after normalisation). */
  public static Optional<Descriptor> find(ImageIndex index, Platform platform) {
    for (Descriptor d : index.manifests()) {
      if (isImageManifestEntry(d) && d.platform() != null && d.platform().matches(platform)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * The manifests for the requested platforms, deduplicated, in request order; or every platform's manifest in
   * index order when {@code all} is set.
   *
   * @throws IllegalArgumentException naming a requested platform the index does not have
   */
  public static List<Selection> select(ImageIndex index, List<Platform> requested, boolean all) {
    Map<String, Selection> out = new LinkedHashMap<>();
    if (all) {
      for (Descriptor d : index.manifests()) {
        if (isImageManifestEntry(d) && d.platform() != null && !isUnknown(d.platform())) {
          Platform p = d.platform().normalize();
          out.putIfAbsent(key(p), new Selection(d, p));
        }
      }
      return new ArrayList<>(out.values());
    }
    for (Platform wanted : requested) {
      Descriptor d = find(index, wanted).orElseThrow(() -> new IllegalArgumentException(
          "no image manifest for platform " + wanted.normalize() + " in the index (has: " + available(index) + ")"));
      Platform p = d.platform().normalize();
      out.putIfAbsent(key(p), new Selection(d, p));
    }
    return new ArrayList<>(out.values());
  }

  /** The platforms of the image manifest entries, e.g. {@code [linux/amd64, linux/arm64]}. */
  public static List<String> available(ImageIndex index) {
    List<String> out = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      if (isImageManifestEntry(d) && d.platform() != null) {
        out.add(d.platform().normalize().format());
      }
    }
    return out;
  }

  private static boolean isImageManifestEntry(Descriptor d) {
    return d.artifactType().isEmpty() && (MediaType.isManifest(d.mediaType()) || d.mediaType().isEmpty());
  }

  private static boolean isUnknown(Platform p) {
    return p.os().equals("unknown") || p.architecture().equals("unknown");
  }

  private static String key(Platform p) {
    return p.format() + "|" + p.osVersion() + "|" + p.osFeatures();
  }
}
