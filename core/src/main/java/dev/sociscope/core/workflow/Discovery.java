package dev.sociscope.core.workflow;

import dev.sociscope.core.image.PlatformManifest;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.soci.SociEnabledIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything found about the SOCI indexes of one image.
 *
 * @param image where the image is
 * @param top the document the reference names (index or manifest)
 * @param platforms per platform-specific manifest, the indexes found for it
 * @param sociEnabled the SOCI-enabled view of {@code top} when it is an index, else null
 * @param cutShort one line per referrers listing the listing limits ended early (the list of indexes may then be
 *     incomplete); empty when everything was listed
 */
public record Discovery(String image, OciDocument top, List<PlatformIndexes> platforms, SociEnabledIndex sociEnabled,
    List<String> cutShort) {

  /** The indexes of one image manifest. */
  public record PlatformIndexes(PlatformManifest manifest, List<FoundIndex> indexes) {
    public PlatformIndexes {
      indexes = List.copyOf(indexes);
    }
  }

  public Discovery {
    platforms = List.copyOf(platforms);
    cutShort = List.copyOf(cutShort);
  }

  /** A discovery whose listings were all complete. */
  public Discovery(String image, OciDocument top, List<PlatformIndexes> platforms, SociEnabledIndex sociEnabled) {
    this(image, top, platforms, sociEnabled, List.of());
  }

  /** Whether every referrers listing was complete. */
  public boolean complete() {
    return cutShort.isEmpty();
  }

  /** Every index found, across platforms. */
  public List<FoundIndex> allIndexes() {
    List<FoundIndex> out = new ArrayList<>();
    for (PlatformIndexes p : platforms) {
      out.addAll(p.indexes());
    }
    return out;
  }

  public boolean isSociEnabled() {
    return sociEnabled != null && sociEnabled.isSociEnabled();
  }
}
