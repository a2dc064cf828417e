package dev.sociscope.core.image;

import dev.sociscope.core.oci.Descriptor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The referrers of one manifest as far as they were listed: {@code cutShort} says why the listing ended before the
 * registry's last page (the page or entry limits, a next link to another origin), so that callers can tell the user
 * the list may be incomplete.
 */
public record ReferrerListing(List<Descriptor> descriptors, Optional<String> cutShort) {
  public ReferrerListing {
    descriptors = List.copyOf(descriptors);
    Objects.requireNonNull(cutShort, "cutShort");
  }

  /** A listing that holds everything there is. */
  public static ReferrerListing complete(List<Descriptor> descriptors) {
    return new ReferrerListing(descriptors, Optional.empty());
  }
}
