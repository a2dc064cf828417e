package dev.sociscope.app.testing;

import dev.sociscope.app.common.ErrorDescriber;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.common.UserError;
import dev.sociscope.app.common.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs work at once on the calling thread, for view model tests without a toolkit. */
public final class DirectTaskRunner implements TaskRunner {
  public final List<String> titles = new ArrayList<>();

  @Override
  public <T> Handle run(String title, Work<T> work, Consumer<? super T> onSuccess, Consumer<UserError> onError) {
    titles.add(title);
    T value;
    try {
      value = work.call(Progress.NONE);
    } catch (Exception e) {
      onError.accept(ErrorDescriber.describe(e));
      return done();
    }
    onSuccess.accept(value);
    return done();
  }

  private static Handle done() {
    return new Handle() {
      @Override
      public void cancel() {}

      @Override
      public boolean isDone() {
        return true;
      }
    };
  }
}
