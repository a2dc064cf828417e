package dev.sociscope.app.gui;

import java.lang.management.ManagementFactory;

/** With {@code -Dsociscope.startupTrace=true}, prints milliseconds since JVM start at named start-up steps. */
public final class StartupTrace {
  private static final boolean ON = Boolean.getBoolean("sociscope.startupTrace");

  private StartupTrace() {}

  public static void mark(String step) {
    if (ON) {
      long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
      System.out.println("startup " + ms + " ms: " + step);
    }
  }
}
