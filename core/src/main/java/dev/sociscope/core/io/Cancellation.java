package dev.sociscope.core.io;

import dev.sociscope.core.error.CancelledException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cancel switch shared by the caller (for example a UI task) and the operations it started. Cancelling stops the
 * HTTP calls in flight at once (each registers how to abort itself), so a blocked read returns promptly.
 */
public final class Cancellation {
  /** A token that is never cancelled. */
  public static final Cancellation NONE = new Cancellation();

  private final Set<Runnable> active = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;

  public void cancel() {
    if (this == NONE) {
      return;
    }
    cancelled = true;
    for (Runnable abort : active) {
      abort.run();
    }
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /** Throws when cancelled; long loops call this between steps. */
  public void check(String action) throws CancelledException {
    if (cancelled) {
      throw new CancelledException(action);
    }
  }

  /**
   * Tracks a call (the action that aborts it) until this token is cancelled. Calls stay registered after their headers arrive, because the body
   * is still being read; cancelling a finished call is harmless, and one operation makes a bounded number of calls.
   */
  public void register(Runnable abort) {
    if (this == NONE) {
      return;
    }
    active.add(abort);
    if (cancelled) {
      abort.run();
    }
  }

  public void unregister(Runnable abort) {
    active.remove(abort);
  }
}
