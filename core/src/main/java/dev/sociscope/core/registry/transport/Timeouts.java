package dev.sociscope.core.registry.transport;

import java.time.Duration;

/**
 * How long to wait for a connection and for the next bytes of an answer, and the whole-command {@link Deadline}.
 * The defaults (15 s to connect, 60 s between bytes) suit slow registries; {@code --timeout} lowers both to itself
 * and sets the deadline.
 */
public record Timeouts(Duration connect, Duration read, Deadline deadline) {
  public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_READ = Duration.ofSeconds(60);

  public static Timeouts defaults() {
    return new Timeouts(DEFAULT_CONNECT, DEFAULT_READ, Deadline.none());
  }

  /** {@code --timeout}: the whole command within {@code total}, each wait at most that long. */
  public static Timeouts overall(Duration total) {
    return new Timeouts(min(DEFAULT_CONNECT, total), min(DEFAULT_READ, total), Deadline.after(total));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
