package dev.sociscope.core.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing ({@code _catalog} or tags). {@code next} is the cursor for the following page, passed back
 * as {@code last}: the server's {@code Link} URL when it sent one, otherwise the final name of this page; empty when
 * there is no further page (also when the server ignores {@code n}/{@code last} and sent everything at once).
 */
public record Page(List<String> names, Optional<String> next) {
  public Page {
    names = List.copyOf(names);
    Objects.requireNonNull(next, "next");
  }

  public boolean hasNext() {
    return next.isPresent();
  }
}
