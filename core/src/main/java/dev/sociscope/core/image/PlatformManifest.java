package dev.sociscope.core.image;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.Platform;
import java.util.Objects;

/**
 * One platform-specific image manifest of an image.
 *
 * @param platform its platform (from the index entry, or from the image config for single-manifest images)
 * @param manifest the manifest exactly as fetched
 * @param entry the index entry it was found through; null for a single-manifest image
 */
public record PlatformManifest(Platform platform, OciDocument manifest, Descriptor entry) {
  public PlatformManifest {
    Objects.requireNonNull(manifest, "manifest == null");
  }

  /** {@code {mediaType, digest, size}} of the manifest's exact bytes: the subject of a v1 index. */
  public Descriptor descriptor() {
    return manifest.descriptor();
  }

  public String platformText() {
    return platform == null ? "unknown" : platform.format();
  }
}
