package dev.sociscope.core.layout;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.LoggerFactory;

/**
 * Cache writes that only save later work (a zTOC fetched for a one-file read, its lookup file), made one at a time
 * on a background thread so that the read that needed them answers first. A write that fails is dropped: the next
 * read fetches or makes it again. A command line run waits for them before it exits ({@link #await}), so that the
 * next run finds them. (Nothing here is loaded before the first write: every command line run calls {@link #await}.)
 */
public final class CacheWrites {
  private static volatile boolean used;

  private CacheWrites() {}

  /** A cache write. */
  @FunctionalInterface
  public interface Write {
    void run() throws IOException;
  }

  /** Started only by the first write: a command that writes nothing starts no thread. */
  private static final class Writer {
    static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "sociscope-cache-write");
      t.setDaemon(true);
      return t;
    });
  }

  /** Queues {@code write}; writes run in the order queued. */
  public static void later(Write write) {
    used = true;
    Writer.THREAD.execute(() -> {
      try {
        write.run();
      } catch (IOException | RuntimeException e) {
        LoggerFactory.getLogger(CacheWrites.class).debug("A cache write was dropped: {}", e.getMessage());
      }
    });
  }

  /**
   * Waits until the writes queued so far are done, at most {@code max}. Not while holding a {@link ZtocCache}'s lock:
   * a write takes it (storing trims the cache).
   *
   * @return false when they were not done in time (they go on; a write cut off at exit leaves no partial file)
   */
  public static boolean await(Duration max) {
    if (!used) {
      return true;
    }
    try {
      Writer.THREAD.submit(() -> { }).get(max.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }
}
