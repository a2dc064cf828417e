package dev.sociscope.app.activity;

import dev.sociscope.core.format.ByteSize;
import dev.sociscope.app.model.ActivityEntry;
import dev.sociscope.app.model.ActivityLog;
import dev.sociscope.app.common.Messages;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The activity panel: what the app did this session, with bytes, time and errors in plain words. */
public final class ActivityController {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final ActivityLog log;

  @FXML private TableView<ActivityEntry> table;
  @FXML private TableColumn<ActivityEntry, String> timeColumn;
  @FXML private TableColumn<ActivityEntry, String> operationColumn;
  @FXML private TableColumn<ActivityEntry, ActivityEntry.Status> statusColumn;
  @FXML private TableColumn<ActivityEntry, Number> bytesColumn;
  @FXML private TableColumn<ActivityEntry, Duration> durationColumn;
  @FXML private TableColumn<ActivityEntry, String> problemColumn;
  @FXML private Label summary;

  public ActivityController(ActivityLog log) {
    this.log = log;
  }

  @FXML
  private void initialize() {
    table.setItems(log.entries());
    table.setPlaceholder(new Label(Messages.get("activity.empty")));
    timeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
        LocalTime.ofInstant(c.getValue().started(), log.zone()).format(TIME)));
    operationColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().title()));
    statusColumn.setCellValueFactory(c -> c.getValue().statusProperty());
    statusColumn.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(ActivityEntry.Status item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : Messages.get("activity.status." + item.name().toLowerCase()));
      }
    });
    bytesColumn.setCellValueFactory(c -> c.getValue().bytesProperty());
    bytesColumn.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(Number item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null || item.longValue() < 0 ? null : ByteSize.human(item.longValue()));
      }
    });
    durationColumn.setCellValueFactory(c -> c.getValue().durationProperty());
    durationColumn.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(Duration item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : formatDuration(item));
      }
    });
    problemColumn.setCellValueFactory(c -> c.getValue().problemProperty());
    table.setRowFactory(t -> new StatusRow());
    summary.textProperty().bind(Bindings.createStringBinding(
        () -> Messages.get("activity.summary", log.entries().size()), log.entries()));
    log.entries().addListener((javafx.collections.ListChangeListener<ActivityEntry>) c -> {
      if (!log.entries().isEmpty()) {
        table.scrollTo(log.entries().size() - 1);
      }
    });
  }

  @FXML
  private void clear() {
    log.entries().removeIf(e -> e.statusProperty().get() != ActivityEntry.Status.RUNNING);
  }

  /** Colours failed and running rows, following status changes of the entry it shows. */
  private static final class StatusRow extends TableRow<ActivityEntry> {
    private final javafx.beans.value.ChangeListener<ActivityEntry.Status> onStatus = (o, a, b) -> restyle();

    StatusRow() {
      itemProperty().addListener((o, old, now) -> {
        if (old != null) {
          old.statusProperty().removeListener(onStatus);
        }
        if (now != null) {
          now.statusProperty().addListener(onStatus);
        }
        restyle();
      });
    }

    private void restyle() {
      ActivityEntry item = getItem();
      ActivityEntry.Status s = item == null ? null : item.statusProperty().get();
      pseudoClassStateChanged(FAILED, s == ActivityEntry.Status.FAILED);
      pseudoClassStateChanged(RUNNING, s == ActivityEntry.Status.RUNNING);
    }
  }

  private static final javafx.css.PseudoClass FAILED = javafx.css.PseudoClass.getPseudoClass("failed");
  private static final javafx.css.PseudoClass RUNNING = javafx.css.PseudoClass.getPseudoClass("running");

  static String formatDuration(Duration d) {
    long ms = d.toMillis();
    return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
