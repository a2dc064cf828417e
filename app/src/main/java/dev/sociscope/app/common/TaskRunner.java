package dev.sociscope.app.common;

import java.util.function.Consumer;

/**
 * Runs work off the FX thread. The callbacks run on the FX thread; failures arrive as a {@link UserError} so every
 * caller has to say what a failure means (a bare {@code Task} would swallow it).
 */
public interface TaskRunner {

  /** A handle to cancel a started task. */
  interface Handle {
    void cancel();

    boolean isDone();
  }

  <T> Handle run(String title, Work<T> work, Consumer<? super T> onSuccess, Consumer<UserError> onError);

  /**
   * Like {@link #run}, for small, frequent work the user did not ask for by name (the wizard's plan on every option
   * change): it is not listed in the activity panel and not shown in the status bar, which would repaint the main
   * window each time.
   */
  default <T> Handle runQuietly(String title, Work<T> work, Consumer<? super T> onSuccess,
      Consumer<UserError> onError) {
    return run(title, work, onSuccess, onError);
  }
}
