package dev.sociscope.app.gui;

import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Measures how long the FX thread takes to run a posted ping, every 20 ms, from a daemon thread. The worst latency
 * is how long the FX thread was blocked (plus up to one ping interval of queueing).
 */
public final class PulseWatchdog implements AutoCloseable {
  private static final long INTERVAL_MS = 20;

  private final AtomicLong worstNanos = new AtomicLong();
  private final AtomicLong pings = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile String worstLabel = "";
  private volatile String phase = "";

  public PulseWatchdog() {
    thread = new Thread(this::loop, "pulse-watchdog");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      long sent = System.nanoTime();
      Object done = new Object();
      boolean[] ran = {false};
      Platform.runLater(() -> {
        long latency = System.nanoTime() - sent;
        pings.incrementAndGet();
        if (latency > worstNanos.get()) {
          worstNanos.set(latency);
          worstLabel = phase;
        }
        synchronized (done) {
          ran[0] = true;
          done.notifyAll();
        }
      });
      synchronized (done) {
        long deadline = System.currentTimeMillis() + 5000;
        while (!ran[0] && running && System.currentTimeMillis() < deadline) {
          try {
            done.wait(50);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
      try {
        Thread.sleep(INTERVAL_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Names what the test is doing, so a slow ping can be attributed. */
  public void phase(String name) {
    phase = name;
  }

  /** Forgets what was measured so far (e.g. the window's first layout). */
  public void reset() {
    worstNanos.set(0);
    worstLabel = "";
  }

  public long worstMillis() {
    return worstNanos.get() / 1_000_000;
  }

  public String worstPhase() {
    return worstLabel;
  }

  public long pings() {
    return pings.get();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
