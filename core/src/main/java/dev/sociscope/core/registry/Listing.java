package dev.sociscope.core.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The names of a listing (repositories or tags) and, when it stopped before the registry's last page, why
 * ("stopped after 100000 entries", "did not follow a next-page link to another host").
 */
public record Listing(List<String> names, Optional<String> cutShort) {
  public Listing {
    names = List.copyOf(names);
    Objects.requireNonNull(cutShort, "cutShort");
  }

  /** Whether every page the registry offered was read. */
  public boolean complete() {
    return cutShort.isEmpty();
  }
}
