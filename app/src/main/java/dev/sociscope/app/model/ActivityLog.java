package dev.sociscope.app.model;

import java.time.Clock;
import java.time.Instant;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The operations and requests of this session, newest last, capped so a long session stays light. */
public final class ActivityLog {
  static final int MAX_ENTRIES = 500;

  private final ObservableList<ActivityEntry> entries = FXCollections.observableArrayList();
  private final Clock clock;

  public ActivityLog(Clock clock) {
    this.clock = clock;
  }

  public ObservableList<ActivityEntry> entries() {
    return entries;
  }

  /** Starts a running entry; call on the FX thread. */
  public ActivityEntry start(String title) {
    ActivityEntry entry = new ActivityEntry(title, clock.instant(), clock);
    add(entry);
    return entry;
  }

  /**
   * Records a finished request (e.g. an HTTP call made by core), from any thread.
   *
   * @param problem the failure in plain words, or empty
   */
  public void record(String title, Instant started, long bytes, String problem) {
    Runnable add = () -> {
      ActivityEntry entry = new ActivityEntry(title, started, clock);
      entry.finish(problem.isEmpty() ? ActivityEntry.Status.DONE : ActivityEntry.Status.FAILED, bytes, problem);
      add(entry);
    };
    if (Platform.isFxApplicationThread()) {
      add.run();
    } else {
      try {
        Platform.runLater(add);
      } catch (IllegalStateException e) {
        add.run(); // no JavaFX toolkit (services used outside the GUI)
      }
    }
  }

  private void add(ActivityEntry entry) {
    entries.add(entry);
    if (entries.size() > MAX_ENTRIES) {
      entries.remove(0, entries.size() - MAX_ENTRIES);
    }
  }

  /** The zone times are shown in (the clock's). */
  public java.time.ZoneId zone() {
    return clock.getZone();
  }

  public Instant now() {
    return Instant.now(clock);
  }
}
