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
 */
public record Discovery(String image, OciDocument top, List<PlatformIndexes> platforms, SociEnabledIndex sociEnabled) {

  /** The indexes of one image manifest. */
  public record PlatformIndexes(PlatformManifest manifest, List<FoundIndex> indexes) {
    public PlatformIndexes {
      indexes = List.copyOf(indexes);
    }
  }

  public Discovery {
    platforms = List.copyOf(platforms);
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
