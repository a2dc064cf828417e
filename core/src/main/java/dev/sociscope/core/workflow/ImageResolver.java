package dev.sociscope.core.workflow;

import dev.sociscope.core.error.NotFoundException;
import dev.sociscope.core.error.UnsupportedException;
import dev.sociscope.core.image.PlatformManifest;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciFormatException;
import dev.sociscope.core.oci.OciJson;
import dev.sociscope.core.oci.Platform;
import dev.sociscope.core.oci.PlatformSelector;
import dev.sociscope.core.soci.SociEnabledIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves an image (index or manifest) to its platform-specific image manifests, skipping entries with an
 * {@code artifactType} (SOCI v2 indexes, attestations in newer layouts) as clients must (spec 3.6).
 */
public final class ImageResolver {
  /** The platform picked from an image index when none is asked for, like upstream's CLI on this kind of host. */
  public static final Platform DEFAULT_PLATFORM = Platform.of("linux", "amd64", "");

  private ImageResolver() {}

  /** Which platforms to take. */
  public record PlatformSelection(List<Platform> platforms, boolean all) {
    public static final PlatformSelection ALL = new PlatformSelection(List.of(), true);

    /** The default: for an index the host-like default {@code linux/amd64}; a single manifest is taken as is. */
    public static final PlatformSelection DEFAULT = new PlatformSelection(List.of(), false);

    public static PlatformSelection of(List<Platform> platforms) {
      return new PlatformSelection(List.copyOf(platforms), false);
    }

    public PlatformSelection {
      platforms = List.copyOf(platforms);
    }

  }

  /**
   * The image manifests of {@code top}. Manifests of an index that are missing in the source (platforms not
   * copied into a layout) are left out.
   */
  public static List<PlatformManifest> resolve(ImageSource source, OciDocument top, PlatformSelection selection)
      throws IOException {
    List<PlatformManifest> out = new ArrayList<>();
    if (top.isManifest()) {
      out.add(new PlatformManifest(configPlatform(source, top), top, null));
      return out;
    }
    if (!top.isIndex()) {
      throw new UnsupportedException(top.digest() + " is a " + top.mediaType() + ", not an image or image index");
    }
    List<Descriptor> entries = new ArrayList<>();
    for (Descriptor d : top.index().manifests()) {
      if (!SociEnabledIndex.isSociIndexEntry(d)) { // also when a copy tool dropped the artifactType
        entries.add(d);
      }
    }
    List<Platform> requested = selection.platforms().isEmpty() ? List.of(DEFAULT_PLATFORM) : selection.platforms();
    List<PlatformSelector.Selection> picked;
    try {
      picked = PlatformSelector.select(top.index().withManifests(entries), requested, selection.all());
    } catch (IllegalArgumentException e) {
      throw new NotFoundException(source.describe() + "@" + top.digest() + ": " + e.getMessage()
          + (selection.platforms().isEmpty() ? " (use --platform or --all-platforms)" : ""));
    }
    for (PlatformSelector.Selection sel : picked) {
      Descriptor d = sel.manifest();
      var doc = source.findManifest(d.digest().toString());
      if (doc.isEmpty() || !doc.get().isManifest() || MediaType.isSociIndex(doc.get().manifest().config().mediaType())) {
        continue; // not in this source (platform not copied) or not an image
      }
      out.add(new PlatformManifest(d.platform(), doc.get(), d));
    }
    if (out.isEmpty()) {
      throw new NotFoundException("No image manifest of " + source.describe() + "@" + top.digest()
          + " matches the platform " + (selection.all() ? "(any)" : selection.platforms().isEmpty()
              ? "linux/amd64 (use --platform or --all-platforms)" : selection.platforms().toString()));
    }
    return out;
  }

  /** The platform written in the image config (normalised); null when the config is unreadable. */
  public static Platform configPlatform(ImageSource source, OciDocument manifest) throws IOException {
    Descriptor config = manifest.manifest().config();
    if (!MediaType.isConfig(config.mediaType()) || config.size() > (4 << 20)) {
      return null;
    }
    try {
      return OciJson.parseConfigPlatform(source.readBlob(config, dev.sociscope.core.image.BlobKind.CONFIG)).normalize();
    } catch (OciFormatException e) {
      return null;
    }
  }
}
