package dev.sociscope.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Work started alongside the caller's own (a request whose answer is needed a round trip later) and waiting for it
 * with the failure it would have thrown itself.
 */
public final class Futures {
  /** Threads for requests made alongside another; idle threads end after a minute. */
  private static final ExecutorService ALONGSIDE = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "sociscope-alongside");
    t.setDaemon(true);
    return t;
  });

  private Futures() {}

  /** An I/O step that gives a value. */
  @FunctionalInterface
  public interface IoCall<T> {
    T call() throws IOException;
  }

  /**
   * Starts {@code call} on another thread, so that its round trip overlaps the caller's next one; {@link #join}
   * gives its value or throws its {@link IOException}.
   */
  public static <T> CompletableFuture<T> alongside(IoCall<T> call) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return call.call();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, ALONGSIDE);
  }

  /**
   * The future's value; an {@link IOException} wrapped as {@link UncheckedIOException} (how a lambda carries it)
   * and a runtime exception are rethrown as they were, not inside a {@link CompletionException}.
   */
  public static <T> T join(CompletableFuture<T> future) throws IOException {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
