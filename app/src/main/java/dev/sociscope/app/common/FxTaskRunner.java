package dev.sociscope.app.common;

import dev.sociscope.app.model.ActivityEntry;
import dev.sociscope.app.model.ActivityLog;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The GUI's task runner: a {@link Task} per call on a small daemon pool, logged to the activity panel. */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FxTaskRunner.class);

  private final ExecutorService executor;
  private final ActivityLog activity;
  private final ReadOnlyObjectWrapper<Task<?>> current = new ReadOnlyObjectWrapper<>(this, "current");

  public FxTaskRunner(ActivityLog activity) {
    this.activity = activity;
    AtomicInteger count = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(3, r -> {
      Thread t = new Thread(r, "sociscope-task-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** The most recently started task that is still running, or null; the status bar shows it. */
  public ReadOnlyObjectProperty<Task<?>> currentProperty() {
    return current.getReadOnlyProperty();
  }

  /** Cancels the task the status bar shows. */
  public void cancelCurrent() {
    Task<?> task = current.get();
    if (task != null) {
      task.cancel(true);
    }
  }

  @Override
  public <T> Handle run(String title, Work<T> work, Consumer<? super T> onSuccess, Consumer<UserError> onError) {
    ActivityEntry entry = activity.start(title);
    WorkTask<T> task = new WorkTask<>(title, work);
    task.setOnSucceeded(e -> {
      entry.succeeded(task.bytes.get());
      clear(task);
      onSuccess.accept(task.getValue());
    });
    task.setOnFailed(e -> {
      Throwable error = task.getException();
      clear(task);
      if (error instanceof CancellationException) {
        entry.cancelled(task.bytes.get());
        return;
      }
      UserError userError = ErrorDescriber.describe(error);
      LOG.warn("{} failed: {}", title, userError.summary(), error);
      entry.failed(task.bytes.get(), userError.summary());
      onError.accept(userError);
    });
    task.setOnCancelled(e -> {
      clear(task);
      entry.cancelled(task.bytes.get());
    });
    current.set(task);
    executor.execute(task);
    return new Handle() {
      @Override
      public void cancel() {
        task.cancel(true);
      }

      @Override
      public boolean isDone() {
        return task.isDone();
      }
    };
  }

  @Override
  public <T> Handle runQuietly(String title, Work<T> work, Consumer<? super T> onSuccess,
      Consumer<UserError> onError) {
    WorkTask<T> task = new WorkTask<>(title, work);
    task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
    task.setOnFailed(e -> {
      if (!(task.getException() instanceof CancellationException)) {
        onError.accept(ErrorDescriber.describe(task.getException()));
      }
    });
    executor.execute(task);
    return new Handle() {
      @Override
      public void cancel() {
        task.cancel(true);
      }

      @Override
      public boolean isDone() {
        return task.isDone();
      }
    };
  }

  private void clear(Task<?> task) {
    if (current.get() == task) {
      current.set(null);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  private static final class WorkTask<T> extends Task<T> implements Progress {
    private final Work<T> work;
    final AtomicLong bytes = new AtomicLong();

    WorkTask(String title, Work<T> work) {
      this.work = work;
      updateTitle(title);
    }

    @Override
    protected T call() throws Exception {
      return work.call(this);
    }

    @Override
    public void update(long done, long total) {
      if (total < 0) {
        updateProgress(-1, 1);
      } else {
        updateProgress(done, total);
      }
    }

    @Override
    public void message(String text) {
      updateMessage(text);
    }

    @Override
    public void transferred(long total) {
      bytes.set(total);
    }
  }
}
