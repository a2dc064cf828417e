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
    record(title, started, bytes, problem.isEmpty() ? ActivityEntry.Status.DONE : ActivityEntry.Status.FAILED,
        problem);
  }

  /**
   * Records a finished request whose answer was not a success but is what the protocol expects (e.g. the referrers
   * API's 404 before the fallback tag), from any thread.
   *
   * @param note why the answer is normal
   */
  public void recordInfo(String title, Instant started, long bytes, String note) {
    record(title, started, bytes, ActivityEntry.Status.INFO, note);
  }

  private void record(String title, Instant started, long bytes, ActivityEntry.Status status, String text) {
    Runnable add = () -> {
      ActivityEntry entry = new ActivityEntry(title, started, clock);
      entry.finish(status, bytes, text);
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
