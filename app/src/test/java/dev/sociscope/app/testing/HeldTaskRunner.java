package dev.sociscope.app.testing;

import dev.sociscope.app.common.ErrorDescriber;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.common.UserError;
import dev.sociscope.app.common.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Holds every task until the test finishes it, in any order: for view models that must ignore an older answer
 * arriving after a newer one. {@link #finish} runs the work on the calling thread, then its callback.
 */
public final class HeldTaskRunner implements TaskRunner {
  private final List<Runnable> held = new ArrayList<>();
  private final List<Integer> cancelled = new ArrayList<>();
  private final List<Integer> finished = new ArrayList<>();

  @Override
  public <T> Handle run(String title, Work<T> work, Consumer<? super T> onSuccess, Consumer<UserError> onError) {
    int index = held.size();
    held.add(() -> {
      T value;
      try {
        value = work.call(Progress.NONE);
      } catch (Exception e) {
        onError.accept(ErrorDescriber.describe(e));
        return;
      }
      onSuccess.accept(value);
    });
    return new Handle() {
      @Override
      public void cancel() {
        cancelled.add(index); // like a task already past its last cancellation check: its answer still arrives
      }

      @Override
      public boolean isDone() {
        return finished.contains(index);
      }
    };
  }

  /** How many tasks were started so far. */
  public int started() {
    return held.size();
  }

  /** Whether the {@code index}-th task started was asked to cancel. */
  public boolean cancelled(int index) {
    return cancelled.contains(index);
  }

  /** Runs the {@code index}-th task started (0 first) and delivers its answer. */
  public void finish(int index) {
    finished.add(index);
    held.get(index).run();
  }
}
