package dev.sociscope.app.gui;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Watches the FX thread: every 20 ms a daemon thread posts a ping with {@link Platform#runLater} and measures, when
 * it runs, both the wall-clock latency and the CPU time the FX thread spent in between. CPU time is what the app
 * itself costs (work done on the FX thread between two chances to run the ping); wall-clock latency also counts
 * time the OS gave other processes, so it is only meaningful on a quiet machine.
 */
public final class PulseWatchdog implements AutoCloseable {
  private static final long INTERVAL_MS = 20;
  private static final long SAMPLE_MS = 5;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final AtomicLong worstWallNanos = new AtomicLong();
  private final AtomicLong worstCpuNanos = new AtomicLong();
  private final AtomicLong worstBusyNanos = new AtomicLong();
  private final Map<String, Long> busyPerPhase = new ConcurrentHashMap<>();
  private final AtomicLong pings = new AtomicLong();
  private final Map<String, Long> wallPerPhase = new ConcurrentHashMap<>();
  private final Map<String, Long> cpuPerPhase = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile long fxThreadId = -1;
  private volatile boolean running = true;
  private volatile String phase = "";

  public PulseWatchdog() {
    THREADS.setThreadCpuTimeEnabled(true);
    thread = new Thread(this::loop, "pulse-watchdog");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      long sentWall = System.nanoTime();
      long sentCpu = fxThreadId < 0 ? -1 : THREADS.getThreadCpuTime(fxThreadId);
      Object done = new Object();
      boolean[] ran = {false};
      String currentPhase = phase;
      Platform.runLater(() -> {
        long wall = System.nanoTime() - sentWall;
        long cpu = sentCpu < 0 ? 0 : THREADS.getCurrentThreadCpuTime() - sentCpu;
        fxThreadId = Thread.currentThread().getId();
        pings.incrementAndGet();
        worstWallNanos.accumulateAndGet(wall, Math::max);
        worstCpuNanos.accumulateAndGet(cpu, Math::max);
        wallPerPhase.merge(currentPhase, wall / 1_000_000, Math::max);
        cpuPerPhase.merge(currentPhase, cpu / 1_000_000, Math::max);
        synchronized (done) {
          ran[0] = true;
          done.notifyAll();
        }
      });
      long busyNanos = 0;
      synchronized (done) {
        long deadline = System.currentTimeMillis() + 10_000;
        long lastSample = System.nanoTime();
        while (!ran[0] && running && System.currentTimeMillis() < deadline) {
          try {
            done.wait(SAMPLE_MS);
          } catch (InterruptedException e) {
            return;
          }
          long now = System.nanoTime();
          if (!ran[0] && fxThreadId >= 0 && fxThreadIsWorking()) {
            busyNanos += now - lastSample;
          }
          lastSample = now;
        }
      }
      worstBusyNanos.accumulateAndGet(busyNanos, Math::max);
      busyPerPhase.merge(currentPhase, busyNanos / 1_000_000, Math::max);
      try {
        Thread.sleep(INTERVAL_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Whether the FX thread, sampled while a ping waits, is blocked rather than idling in the toolkit's event loop:
   * waiting on anything but glass (the toolkit's event loop), or running inside a native I/O call. Plain computation
   * is left to the CPU-time figure, which, unlike a sample of a runnable thread, is not inflated when the OS runs
   * other processes on a busy machine.
   */
  private boolean fxThreadIsWorking() {
    ThreadInfo info = THREADS.getThreadInfo(fxThreadId, 16);
    if (info == null || info.getStackTrace().length == 0) {
      return false;
    }
    StackTraceElement[] stack = info.getStackTrace();
    Thread.State state = info.getThreadState();
    if (state == Thread.State.RUNNABLE) {
      return stack[0].isNativeMethod() && isIoClass(stack[0].getClassName());
    }
    if (state == Thread.State.BLOCKED) {
      return true;
    }
    for (StackTraceElement frame : stack) {
      String cls = frame.getClassName();
      if (cls.startsWith("java.") || cls.startsWith("jdk.internal.") || cls.startsWith("sun.")) {
        continue;
      }
      return !cls.startsWith("com.sun.glass.");
    }
    return false;
  }

  private static boolean isIoClass(String cls) {
    return cls.startsWith("sun.nio.") || cls.startsWith("java.net.") || cls.startsWith("sun.net.")
        || cls.startsWith("java.io.");
  }

  /**
   * Worst time, over all pings, that a ping waited while the FX thread was sampled blocked (waits, locks, native
   * I/O). Together with the CPU time it covers everything that can block the FX thread, without counting GC pauses
   * or the OS running other processes, which wall-clock latency would.
   */
  public long worstBusyMillis() {
    return worstBusyNanos.get() / 1_000_000;
  }

  /** Names what the test is doing, so a slow ping can be attributed. */
  public void phase(String name) {
    phase = name;
  }

  /** Worst CPU time the FX thread spent between posting a ping and running it. */
  public long worstCpuMillis() {
    return worstCpuNanos.get() / 1_000_000;
  }

  /** Worst CPU time in one phase (0 when it had no pings). */
  public long cpuMillis(String phaseName) {
    return cpuPerPhase.getOrDefault(phaseName, 0L);
  }

  /** Worst CPU time over every phase except {@code excluded}. */
  public long worstCpuMillisExcept(String excluded) {
    long worst = 0;
    for (Map.Entry<String, Long> e : cpuPerPhase.entrySet()) {
      if (!e.getKey().equals(excluded)) {
        worst = Math.max(worst, e.getValue());
      }
    }
    return worst;
  }

  /** Worst wall-clock ping latency. */
  public long worstWallMillis() {
    return worstWallNanos.get() / 1_000_000;
  }

  public long pings() {
    return pings.get();
  }

  /** "phase: cpu/wall ms" for failure messages and the report. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Long> e : new TreeMap<>(cpuPerPhase).entrySet()) {
      sb.append(e.getKey().isEmpty() ? "-" : e.getKey()).append(": cpu ").append(e.getValue()).append(" ms / busy ")
          .append(busyPerPhase.getOrDefault(e.getKey(), 0L)).append(" ms / wall ")
          .append(wallPerPhase.get(e.getKey())).append(" ms; ");
    }
    return sb.toString();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
