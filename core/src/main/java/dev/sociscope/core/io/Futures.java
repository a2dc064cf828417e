package dev.sociscope.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work started in parallel (discovery's requests) with the failure it would have thrown itself. */
public final class Futures {
  private Futures() {}

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
