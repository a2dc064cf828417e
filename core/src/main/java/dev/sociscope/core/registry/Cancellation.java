package dev.sociscope.core.registry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;

/**
 * A cancel switch shared by the caller (for example a UI task) and the operations it started. Cancelling stops the
 * HTTP calls in flight at once (OkHttp {@link Call#cancel()}), so a blocked read returns promptly.
 */
public final class Cancellation {
  /** A token that is never cancelled. */
  public static final Cancellation NONE = new Cancellation();

  private final Set<Call> active = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;

  public void cancel() {
    if (this == NONE) {
      return;
    }
    cancelled = true;
    for (Call call : active) {
      call.cancel();
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
   * Tracks a call until this token is cancelled. Calls stay registered after their headers arrive, because the body
   * is still being read; cancelling a finished call is harmless, and one operation makes a bounded number of calls.
   */
  void register(Call call) {
    if (this == NONE) {
      return;
    }
    active.removeIf(Call::isCanceled);
    active.add(call);
    if (cancelled) {
      call.cancel();
    }
  }

  void unregister(Call call) {
    active.remove(call);
  }
}
