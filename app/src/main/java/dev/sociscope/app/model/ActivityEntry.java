package dev.sociscope.app.model;

import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One line of the activity panel: an operation or request, its bytes, time and outcome. Used on the FX thread. */
public final class ActivityEntry {
  /**
   * Where an operation stands. {@code INFO}: finished with an answer the protocol expects although it is not a
   * success (the problem text says why), so it is not shown as a failure.
   */
  public enum Status { RUNNING, DONE, INFO, FAILED, CANCELLED }

  private final Instant started;
  private final String title;
  private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(Status.RUNNING);
  private final ReadOnlyLongWrapper bytes = new ReadOnlyLongWrapper(-1);
  private final ReadOnlyObjectWrapper<Duration> duration = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

  private final java.time.Clock clock;

  ActivityEntry(String title, Instant started, java.time.Clock clock) {
    this.clock = clock;
    this.title = title;
    this.started = started;
  }

  public String title() {
    return title;
  }

  public Instant started() {
    return started;
  }

  public ReadOnlyObjectProperty<Status> statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyLongProperty bytesProperty() {
    return bytes.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Duration> durationProperty() {
    return duration.getReadOnlyProperty();
  }

  /** The failure in plain words (or, for {@code INFO}, why the answer is normal), empty when none. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  public void succeeded(long transferred) {
    finish(Status.DONE, transferred, "");
  }

  public void failed(long transferred, String why) {
    finish(Status.FAILED, transferred, why);
  }

  public void cancelled(long transferred) {
    finish(Status.CANCELLED, transferred, "");
  }

  void finish(Status outcome, long transferred, String why) {
    bytes.set(transferred > 0 ? transferred : -1);
    duration.set(Duration.between(started, clock.instant()));
    problem.set(why);
    status.set(outcome);
  }
}
