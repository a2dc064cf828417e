package dev.sociscope.app.gui;

import java.lang.management.ManagementFactory;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Start-up check for packaging: with {@code SOCISCOPE_SMOKE_TEST=1} in the environment (or
 * {@code -Dsociscope.smokeTest=true}), the app prints how long it took from JVM start to the first rendered window and
 * exits 0. installers/check-deb.sh uses it to prove the installed app starts and to measure start-up time. When the
 * app was started on an image ({@code sociscope open REF}), it waits until that image is shown, prints the window
 * title ({@code window title: ...}) and exits 0, or exits 1 after {@link #IMAGE_TIMEOUT_MILLIS}.
 */
public final class StartupSmokeTest {
  static final String ENV = "SOCISCOPE_SMOKE_TEST";
  static final String PROPERTY = "sociscope.smokeTest";
  // Pulses to wait after WINDOW_SHOWN: the first lays out and renders the scene, the second starts only after the
  // render thread has handed that frame to the window.
  private static final int PULSES_UNTIL_RENDERED = 2;

  static final long IMAGE_TIMEOUT_MILLIS = 60_000;

  private StartupSmokeTest() {}

  static boolean requested() {
    return "1".equals(System.getenv(ENV)) || Boolean.getBoolean(PROPERTY);
  }

  /** Call before {@code stage.show()}; does nothing unless the smoke test was requested. */
  public static void attach(Stage stage) {
    attach(stage, null);
  }

  /**
   * As {@link #attach(Stage)}; with {@code ready}, the test ends only once it holds (an opened image is shown).
   */
  public static void attach(Stage stage, javafx.beans.value.ObservableBooleanValue ready) {
    if (!requested()) {
      return;
    }
    if (ready != null) {
      stage.addEventHandler(WindowEvent.WINDOW_SHOWN, event -> new AnimationTimer() {
        private final long started = System.currentTimeMillis();

        @Override
        public void handle(long now) {
          boolean timedOut = System.currentTimeMillis() - started > IMAGE_TIMEOUT_MILLIS;
          if (!ready.get() && !timedOut) {
            return;
          }
          stop();
          System.out.println("window title: " + stage.getTitle());
          System.out.flush();
          boolean shown = ready.get();
          stage.hide(); // closes the app as the user would, so the settings are written
          System.exit(shown ? 0 : 1);
        }
      }.start());
      return;
    }
    stage.addEventHandler(WindowEvent.WINDOW_SHOWN, event -> new AnimationTimer() {
      private int pulses;

      @Override
      public void handle(long now) {
        if (++pulses < PULSES_UNTIL_RENDERED) {
          return;
        }
        stop();
        long millis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("first window shown after " + millis + " ms");
        System.out.flush();
        System.exit(0);
      }
    }.start());
  }
}
