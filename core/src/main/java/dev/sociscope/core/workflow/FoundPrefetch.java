package dev.sociscope.core.workflow;

import dev.sociscope.core.image.PlatformManifest;
import dev.sociscope.core.soci.PrefetchArtifact;
import dev.sociscope.core.soci.PrefetchDescriptor;
import java.util.Objects;

/**
 * A prefetch artifact (spec 3.7) listed in a SOCI index of an image.
 *
 * @param manifest the platform's image manifest
 * @param index the index that lists it
 * @param descriptor its descriptor, naming the image layer it is for
 * @param artifact the parsed blob; null when it could not be read ({@link #problem} says why)
 * @param problem why it is unusable, or null
 */
public record FoundPrefetch(PlatformManifest manifest, FoundIndex index, PrefetchDescriptor descriptor,
    PrefetchArtifact artifact, String problem) {
  public FoundPrefetch {
    Objects.requireNonNull(manifest, "manifest == null");
    Objects.requireNonNull(index, "index == null");
    Objects.requireNonNull(descriptor, "descriptor == null");
  }

  /** Number of spans it prefetches (ranges are inclusive). */
  public long spanCount() {
    return artifact == null ? 0 : artifact.spans().stream().mapToLong(s -> s.endSpan() - s.startSpan() + 1L).sum();
  }
}
