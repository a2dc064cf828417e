package dev.sociscope.core.registry.transport;

import java.time.Duration;

/**
 * The whole-command time limit ({@code --timeout}): started once, it bounds every request, every response body and
 * every wait between retries, so neither a stalled server nor one that trickles a byte a second can keep a command
 * alive past it.
 */
public final class Deadline {
  private static final Deadline NONE = new Deadline(null, 0);

  private final Duration budget;
  private final long endNanos;

  private Deadline(Duration budget, long endNanos) {
    this.budget = budget;
    this.endNanos = endNanos;
  }

  /** No overall limit (the GUI, which the user cancels instead). */
  public static Deadline none() {
    return NONE;
  }

  /** A limit of {@code budget} from now. */
  public static Deadline after(Duration budget) {
    return new Deadline(budget, System.nanoTime() + budget.toNanos());
  }

  public boolean isSet() {
    return budget != null;
  }

  /** The limit as given, e.g. {@code 5s}; null when none is set. */
  public Duration budget() {
    return budget;
  }

  /** Time left (never negative); {@link Duration#ZERO} when expired; only meaningful when {@link #isSet}. */
  public Duration remaining() {
    long left = endNanos - System.nanoTime();
    return Duration.ofNanos(Math.max(0, left));
  }

  public boolean expired() {
    return isSet() && endNanos - System.nanoTime() <= 0;
  }

  /** {@code wait}, shortened so that it ends by the deadline. */
  public Duration cap(Duration wait) {
    if (!isSet()) {
      return wait;
    }
    Duration left = remaining();
    return wait.compareTo(left) > 0 ? left : wait;
  }
}
