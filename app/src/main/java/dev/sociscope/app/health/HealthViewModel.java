package dev.sociscope.app.health;

import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.service.RegistryService;
import dev.sociscope.core.health.Check;
import dev.sociscope.core.health.Finding;
import dev.sociscope.core.health.HealthChecker;
import dev.sociscope.core.health.HealthReport;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Health tab: core's health check of the shown image ("why isn't it lazy-loading?"), the same findings as
 * {@code sociscope check}, each with its id, what it concerns, what is wrong and the fix. Runs when asked, since
 * the spot check reads spans of every indexed layer.
 */
public final class HealthViewModel {
  /** One finding in the table's words. */
  public record Row(Check.Severity level, String severity, String id, String subject, String message, String fix) {}

  private final RegistryService service;
  private final TaskRunner tasks;
  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(Messages.get("health.idle"));
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
  private final BooleanProperty spotCheck = new SimpleBooleanProperty(true);
  private RegistryConnection connection;
  private String repository;
  private ImageDetails image;
  private long generation;

  public HealthViewModel(RegistryService service, TaskRunner tasks) {
    this.service = service;
    this.tasks = tasks;
  }

  public ObservableList<Row> rows() {
    return rows;
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** Whether sampled spans are fetched and verified (a few range requests per indexed layer). */
  public BooleanProperty spotCheckProperty() {
    return spotCheck;
  }

  /** A new image is shown: earlier findings no longer apply. */
  public void show(RegistryConnection c, String repo, ImageDetails details) {
    generation++;
    connection = c;
    repository = repo;
    image = details;
    rows.clear();
    running.set(false);
    summary.set(Messages.get(details == null ? "health.idle" : "health.ready"));
  }

  /** Runs the check off the FX thread. */
  public void check() {
    if (image == null || connection == null || running.get()) {
      return;
    }
    long gen = ++generation;
    ImageDetails details = image;
    String reference = details.manifestDigest();
    int spans = spotCheck.get() ? HealthChecker.DEFAULT_SPOT_CHECKS : 0;
    running.set(true);
    rows.clear();
    summary.set(Messages.get("health.running", details.reference()));
    RegistryConnection c = connection;
    String repo = repository;
    tasks.run(Messages.get("task.health", details.reference()),
        p -> service.check(c, repo, reference, details.platform(), spans, p),
        report -> {
          if (gen == generation) {
            showReport(report);
          }
        },
        error -> {
          if (gen == generation) {
            running.set(false);
            summary.set(error.summary());
          }
        });
  }

  private static String severity(Check.Severity s) {
    switch (s) {
      case ERROR: return Messages.get("health.severity.ERROR");
      case WARNING: return Messages.get("health.severity.WARNING");
      default: return Messages.get("health.severity.INFO");
    }
  }

  private void showReport(HealthReport report) {
    running.set(false);
    long errors = report.findings().stream().filter(f -> f.severity() == Check.Severity.ERROR).count();
    long warnings = report.findings().stream().filter(f -> f.severity() == Check.Severity.WARNING).count();
    for (Finding f : report.findings()) {
      rows.add(new Row(f.severity(), severity(f.severity()), f.check().id(), f.subject(),
          f.message(), f.fix() == null ? "" : f.fix()));
    }
    summary.set(errors == 0 && warnings == 0
        ? Messages.get("health.healthy", report.checks().size())
        : Messages.get("health.summary", errors, warnings, report.checks().size()));
  }
}
