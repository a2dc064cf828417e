package dev.sociscope.app.model;

import java.util.List;

/**
 * What the image view shows about one image (one platform of it).
 *
 * @param platforms the platforms of a multi-arch index ("linux/amd64"), empty for a single manifest
 * @param platform the platform shown, or empty
 * @param config short facts from the image config (os/arch, created, entrypoint...), as name/value pairs
 * @param sociIndexes the SOCI indexes found for this manifest
 */
public record ImageDetails(String reference, String digest, String mediaType, List<String> platforms,
    String platform, String manifestDigest, List<Fact> config, List<Layer> layers, List<SociIndexRow> sociIndexes) {
  public ImageDetails {
    platforms = List.copyOf(platforms);
    config = List.copyOf(config);
    layers = List.copyOf(layers);
    sociIndexes = List.copyOf(sociIndexes);
  }

  /** A name/value line. */
  public record Fact(String name, String value) {}

  /**
   * One layer and its SOCI status.
   *
   * @param ztocDigest the zTOC of this layer in the first SOCI index that has one, or empty
   * @param sociStatus "indexed (1 MiB spans)" or why not
   */
  public record Layer(int index, String digest, String mediaType, long size, String ztocDigest, long ztocSize,
      long spanSize, String sociStatus) {
    public boolean indexed() {
      return !ztocDigest.isEmpty();
    }
  }

  /** One SOCI index of the image. */
  public record SociIndexRow(String digest, String version, String createdBy, int ztocCount, long size) {}
}
