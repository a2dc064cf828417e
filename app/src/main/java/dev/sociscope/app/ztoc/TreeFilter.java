package dev.sociscope.app.ztoc;

import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.common.UserError;
import dev.sociscope.app.common.Work;
import dev.sociscope.app.model.FileTree;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The name or glob filter of a file tree, for the zTOC view and the image's Files tab alike: its text, the nodes it
 * matched and a summary. It runs off the FX thread; a newer call supersedes one still running (its answer is
 * dropped). Applying the text that is already running or shown over the same tree does nothing (typing then Enter
 * would otherwise run it twice: once from the debounce timer, once from Enter); after a failure or cancel it runs
 * again.
 */
public final class TreeFilter {
  private final TaskRunner tasks;
  private final boolean quiet;
  private final Consumer<UserError> onError;
  private final StringProperty text = new SimpleStringProperty(this, "filterText", "");
  private final ReadOnlyObjectWrapper<NameFilter.Result> result = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private TaskRunner.Handle running;
  private long generation;
  /** The filter last started and the one shown, with their trees, so a filter is applied only once. */
  private Key started;
  private Key shown;

  private record Key(FileTree tree, String text) {
    /** The same tree object (a record's equals would compare whole trees) and filter text. */
    boolean sameAs(Key other) {
      return other != null && other.tree == tree && other.text.equals(text);
    }
  }

  /**
   * @param quiet run the filter as work the user did not ask for by name ({@link TaskRunner#runQuietly})
   * @param onError what a failed filter does (the answer of a superseded one is dropped)
   */
  public TreeFilter(TaskRunner tasks, boolean quiet, Consumer<UserError> onError) {
    this.tasks = tasks;
    this.quiet = quiet;
    this.onError = onError;
  }

  /** Applies the filter text to {@code tree} (null: no tree, so no result). */
  public void apply(FileTree tree) {
    String t = text.get() == null ? "" : text.get().strip();
    Key key = new Key(tree, t);
    boolean busy = running != null && !running.isDone();
    if (key.sameAs(busy ? started : shown)) {
      return;
    }
    long gen = cancel();
    started = key;
    if (tree == null || t.isEmpty()) {
      shown = key;
      result.set(null);
      summary.set("");
      return;
    }
    NameFilter filter = NameFilter.parse(t);
    String title = Messages.get("task.filter", t);
    Work<NameFilter.Result> work = p -> filter.apply(tree, p::isCancelled);
    Consumer<NameFilter.Result> done = r -> {
      if (gen == generation) {
        shown = key;
        result.set(r);
        summary.set(Messages.get("tree.filter.matches", r.matchCount()));
      }
    };
    Consumer<UserError> failed = error -> {
      if (gen == generation) {
        onError.accept(error);
      }
    };
    running = quiet ? tasks.runQuietly(title, work, done, failed) : tasks.run(title, work, done, failed);
  }

  /**
   * Drops the result and a filter still running, keeping the text: the tree is about to be replaced, and the old
   * tree's matches must not meet the new tree.
   */
  public void forget() {
    cancel();
    started = null;
    shown = null;
    result.set(null);
  }

  /** Forgets the text too, and the summary (another image or document). */
  public void reset() {
    forget();
    text.set("");
    summary.set("");
  }

  /** Says in the summary why the filter failed. */
  public void showFailure(UserError error) {
    summary.set(error.summary());
  }

  /** Cancels a filter still running and drops its answer; the new generation. */
  private long cancel() {
    if (running != null) {
      running.cancel();
      running = null;
    }
    return ++generation;
  }

  public StringProperty textProperty() {
    return text;
  }

  /** The nodes the filtered tree shows, or null when no filter is set. */
  public ReadOnlyObjectProperty<NameFilter.Result> resultProperty() {
    return result.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }
}
