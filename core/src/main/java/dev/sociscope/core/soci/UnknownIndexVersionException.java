package dev.sociscope.core.soci;

/**
 * A manifest's {@code config.mediaType} is neither the v1 nor the v2 SOCI type. Upstream rejects such a manifest
 * with "unknown index version" (spec 2.4).
 */
public class UnknownIndexVersionException extends SociFormatException {
  private final String configMediaType;

  public UnknownIndexVersionException(String configMediaType) {
    super("unknown index version: config.mediaType is '" + configMediaType + "', expected "
        + SociVersion.V1.artifactType() + " or " + SociVersion.V2.artifactType());
    this.configMediaType = configMediaType;
  }

  /** The config media type found. */
  public String configMediaType() {
    return configMediaType;
  }
}
