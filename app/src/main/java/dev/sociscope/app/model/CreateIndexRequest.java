package dev.sociscope.app.model;

import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.workflow.CreateListener;
import java.util.List;

/**
 * What the create-index wizard asks for.
 *
 * @param tag the image's tag (or digest) in its repository or layout
 * @param allPlatforms every platform of a multi-arch image, or only {@code platform} (empty: the default one)
 * @param prefetchPaths files whose spans get prefetch artifacts (spec 3.7), e.g. a profile's; empty for none
 * @param version v1: an index pushed next to the image (referrers); v2: a SOCI-enabled image tagged {@code TAG-soci}
 */
public record CreateIndexRequest(String repository, String tag, boolean allPlatforms, String platform,
    SociVersion version, long spanSize, long minLayerSize, CreateListener listener, List<String> prefetchPaths) {
  public CreateIndexRequest {
    prefetchPaths = List.copyOf(prefetchPaths);
  }

  public CreateIndexRequest(String repository, String tag, boolean allPlatforms, String platform,
      SociVersion version, long spanSize, long minLayerSize, CreateListener listener) {
    this(repository, tag, allPlatforms, platform, version, spanSize, minLayerSize, listener, List.of());
  }
}
