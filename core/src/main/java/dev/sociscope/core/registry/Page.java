package dev.sociscope.core.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing ({@code _catalog} or tags). {@code next} is the cursor for the following page, passed back
 * as {@code last}: the server's {@code Link} URL when it sent one, otherwise the final name of this page; empty when
 * there is no further page (also when the server ignores {@code n}/{@code last} and sent everything at once).
 * {@code cutShort} says why a page ends the listing early although the registry offered more (a next-page link to
 * another host, a page with more names than the limit).
 */
public record Page(List<String> names, Optional<String> next, Optional<String> cutShort) {
  public Page {
    names = List.copyOf(names);
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(cutShort, "cutShort");
  }

  public Page(List<String> names, Optional<String> next) {
    this(names, next, Optional.empty());
  }

  public boolean hasNext() {
    return next.isPresent();
  }
}
