package dev.sociscope.core.soci;

import java.util.List;
import java.util.Objects;

/**
 * Options of a SOCI index build, as the upstream CLI's {@code create}/{@code convert} flags.
 *
 * @param version v1 ({@code soci create}) or v2 ({@code soci convert})
 * @param spanSize target span size in uncompressed bytes ({@code --span-size})
 * @param minLayerSize layers with a smaller (compressed) size get no zTOC ({@code --min-layer-size})
 * @param buildToolIdentifier written into the index annotation and each zTOC
 * @param xattrOptimization {@code --optimizations xattr}: mark layers without xattrs {@code disable-xattrs}
 * @param prefetchPaths {@code --prefetch-file}/{@code --prefetch-files-json}: files whose spans get a prefetch
 *     artifact (spec 3.7); empty for none
 */
public record SociIndexOptions(SociVersion version, long spanSize, long minLayerSize, String buildToolIdentifier,
    boolean xattrOptimization, List<String> prefetchPaths) {

  public SociIndexOptions {
    Objects.requireNonNull(version, "version == null");
    Objects.requireNonNull(buildToolIdentifier, "buildToolIdentifier == null");
    if (spanSize <= 0) {
      throw new IllegalArgumentException("span size must be positive: " + spanSize);
    }
    if (minLayerSize < 0) {
      throw new IllegalArgumentException("min layer size must not be negative: " + minLayerSize);
    }
    prefetchPaths = List.copyOf(prefetchPaths);
  }

  /** Upstream's defaults: 4 MiB spans, 10 MiB min layer size, {@code AWS SOCI CLI v0.2}, no optimisations. */
  public static SociIndexOptions defaults(SociVersion version) {
    return new SociIndexOptions(version, SociDefaults.SPAN_SIZE, SociDefaults.MIN_LAYER_SIZE,
        SociDefaults.BUILD_TOOL_IDENTIFIER, false, List.of());
  }

  public SociIndexOptions withSpanSize(long newSpanSize) {
    return new SociIndexOptions(version, newSpanSize, minLayerSize, buildToolIdentifier, xattrOptimization,
        prefetchPaths);
  }

  public SociIndexOptions withMinLayerSize(long newMinLayerSize) {
    return new SociIndexOptions(version, spanSize, newMinLayerSize, buildToolIdentifier, xattrOptimization,
        prefetchPaths);
  }

  public SociIndexOptions withBuildToolIdentifier(String id) {
    return new SociIndexOptions(version, spanSize, minLayerSize, id, xattrOptimization,
        prefetchPaths);
  }

  public SociIndexOptions withXattrOptimization(boolean enabled) {
    return new SociIndexOptions(version, spanSize, minLayerSize, buildToolIdentifier, enabled,
        prefetchPaths);
  }

  public SociIndexOptions withVersion(SociVersion newVersion) {
    return new SociIndexOptions(newVersion, spanSize, minLayerSize, buildToolIdentifier, xattrOptimization,
        prefetchPaths);
  }

  public SociIndexOptions withPrefetchPaths(List<String> paths) {
    return new SociIndexOptions(version, spanSize, minLayerSize, buildToolIdentifier, xattrOptimization,
        paths);
  }
}
