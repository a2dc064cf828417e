package dev.sociscope.core.workflow;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.soci.SociIndex;
import dev.sociscope.core.soci.SociVersion;
import java.util.Objects;

/**
 * A SOCI index found for one image manifest.
 *
 * @param version v1 or v2 (from the descriptor's artifact type, or the index itself when read)
 * @param descriptor the index manifest's descriptor as listed where it was found
 * @param via how it was found
 * @param index the parsed index; null when it could not be read ({@link #problem} says why)
 * @param problem why the index is unusable, or null
 */
public record FoundIndex(SociVersion version, Descriptor descriptor, Via via, SociIndex index, String problem) {

  /** How an index was found (spec 2.5, 3.4). */
  public enum Via {
    /** Referrers API or the {@code sha256-<hex>} fallback tag of the image manifest (v1). */
    REFERRERS("referrers"),
    /** The image manifest's {@code com.amazon.soci.index-digest} annotation (v2, what the runtime follows). */
    MANIFEST_ANNOTATION("manifest annotation"),
    /** A SOCI index entry of the SOCI-enabled image index (v2). */
    SOCI_ENABLED_INDEX("SOCI-enabled image index");

    private final String label;

    Via(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public FoundIndex {
    Objects.requireNonNull(version, "version == null");
    Objects.requireNonNull(descriptor, "descriptor == null");
    Objects.requireNonNull(via, "via == null");
  }

  public boolean usable() {
    return index != null;
  }
}
