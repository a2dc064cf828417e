package dev.sociscope.core.soci;

import dev.sociscope.core.oci.MediaType;

/** The two SOCI index manifest versions, told apart by {@code config.mediaType} (spec 2, 3). */
public enum SociVersion {
  /** Found through the referrers API; has a {@code subject}. */
  V1(MediaType.SOCI_INDEX_V1),
  /** Bundled in a SOCI-enabled image index; no {@code subject}. */
  V2(MediaType.SOCI_INDEX_V2);

  private final String artifactType;

  SociVersion(String artifactType) {
    this.artifactType = artifactType;
  }

  /** The config media type, which is also the artifact type in referrers lists and SOCI-enabled indexes. */
  public String artifactType() {
    return artifactType;
  }

  /** The version for a config media type, or null when it is not a SOCI type. */
  public static SociVersion fromArtifactType(String mediaType) {
    for (SociVersion v : values()) {
      if (v.artifactType.equals(mediaType)) {
        return v;
      }
    }
    return null;
  }
}
