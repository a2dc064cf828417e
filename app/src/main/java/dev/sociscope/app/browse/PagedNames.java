package dev.sociscope.app.browse;

import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.core.registry.Page;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * A list of names loaded a page at a time (repositories or tags): the loaded names, the cursor of the next page,
 * whether a load runs, and a summary saying how many are shown and whether the search covers only what is loaded.
 */
public final class PagedNames {
  private final ObservableList<String> loaded;
  private final ObservableList<String> shown;
  private final StringProperty filter;
  private final Set<String> seen = new HashSet<>();
  private final ReadOnlyBooleanWrapper more = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper("");
  private final Words words;
  private String next;
  private String cutShort;
  private TaskRunner.Handle running;
  /** Where the list stands, for the words shown when it shows no names. */
  private State state = State.IDLE;
  private String idle;
  private String error = "";

  private enum State { IDLE, LOADING, LOADED, FAILED }

  /**
   * What an empty list says, per state (message keys).
   *
   * @param loading while the first page loads
   * @param empty when everything is loaded and there is nothing
   * @param filtered when names are loaded but the search matches none of them ({0}: the search)
   * @param failed when loading failed ({0}: the reason)
   */
  record Words(String loading, String empty, String filtered, String failed) {}

  PagedNames(ObservableList<String> loaded, ObservableList<String> shown, StringProperty filter, Words words,
      String idle) {
    this.loaded = loaded;
    this.shown = shown;
    this.filter = filter;
    this.words = words;
    this.idle = idle;
    updatePlaceholder();
  }

  /** Back to "nothing asked for yet", saying {@code message} (e.g. "Pick a repository."). */
  void idle(String message) {
    reset();
    idle = message;
    state = State.IDLE;
    updatePlaceholder();
  }

  /** A load of the first page began (the connection, or the tags of a repository). */
  void started() {
    state = State.LOADING;
    updatePlaceholder();
  }

  /** Loading failed; the empty list says why. */
  void failed(String reason) {
    loadFailed();
    if (loaded.isEmpty()) {
      state = State.FAILED;
      error = reason;
    }
    updatePlaceholder();
  }

  private void updatePlaceholder() {
    String f = filter.get() == null ? "" : filter.get().strip();
    String text = switch (state) {
      case IDLE -> idle;
      case LOADING -> Messages.get(words.loading());
      case FAILED -> Messages.get(words.failed(), error);
      case LOADED -> !loaded.isEmpty() && !f.isEmpty() ? Messages.get(words.filtered(), f)
          : Messages.get(words.empty());
    };
    placeholder.set(text);
  }

  /** What the list says while it shows no names: loading, empty, nothing matches the search, or the error. */
  public ReadOnlyStringProperty placeholderProperty() {
    return placeholder.getReadOnlyProperty();
  }

  /** Forgets everything loaded and cancels a running load (new connection or repository). */
  void reset() {
    if (running != null) {
      running.cancel();
      running = null;
    }
    loading.set(false);
    seen.clear();
    loaded.clear();
    next = null;
    cutShort = null;
    more.set(false);
    state = State.IDLE;
    error = "";
    updateSummary();
  }

  void loading(TaskRunner.Handle handle) {
    // A runner that finishes at once (tests) has already delivered the page.
    if (!handle.isDone()) {
      running = handle;
      loading.set(true);
    }
  }

  void loadFailed() {
    running = null;
    loading.set(false);
  }

  /** Appends a page (names already loaded are skipped) and remembers its cursor. */
  void add(Page page) {
    running = null;
    loading.set(false);
    List<String> fresh = page.names().stream().filter(seen::add).toList();
    loaded.addAll(fresh);
    next = page.next().orElse(null);
    cutShort = page.cutShort().orElse(null);
    more.set(next != null);
    state = State.LOADED;
    updateSummary();
  }

  void updateSummary() {
    String f = filter.get() == null ? "" : filter.get().strip();
    if (!f.isEmpty()) {
      summary.set(Messages.get(next != null ? "registry.list.filteredMore" : "registry.list.filtered", shown.size(),
          loaded.size()));
    } else if (next != null) {
      summary.set(Messages.get("registry.list.more", loaded.size()));
    } else if (cutShort != null) {
      summary.set(Messages.get("registry.list.cutShort", loaded.size(), cutShort));
    } else {
      summary.set("");
    }
    updatePlaceholder();
  }

  /** The cursor of the next page, or null when everything is loaded. */
  String next() {
    return next;
  }

  boolean isLoading() {
    return loading.get();
  }

  public boolean hasMore() {
    return more.get();
  }

  /** True while the registry has names not loaded yet. */
  public ReadOnlyBooleanProperty moreProperty() {
    return more.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  /** "N shown, more available" or how many loaded names match the search; empty when all is loaded and shown. */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }
}
