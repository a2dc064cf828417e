package dev.sociscope.app.health;

import javafx.beans.property.SimpleStringProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import java.util.function.Function;

/** The Health tab of the image view: a Check button and the findings, worst first as core reports them. */
public final class HealthController {
  private final HealthViewModel viewModel;

  @FXML private Button checkButton;
  @FXML private CheckBox spotCheckBox;
  @FXML private Label summary;
  @FXML private TableView<HealthViewModel.Row> findings;
  @FXML private TableColumn<HealthViewModel.Row, String> severityColumn;
  @FXML private TableColumn<HealthViewModel.Row, String> idColumn;
  @FXML private TableColumn<HealthViewModel.Row, String> subjectColumn;
  @FXML private TableColumn<HealthViewModel.Row, String> messageColumn;
  @FXML private TableColumn<HealthViewModel.Row, String> fixColumn;

  public HealthController(HealthViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    findings.setItems(viewModel.rows());
    bind(severityColumn, HealthViewModel.Row::severity);
    bind(idColumn, HealthViewModel.Row::id);
    bind(subjectColumn, HealthViewModel.Row::subject);
    bind(messageColumn, HealthViewModel.Row::message);
    bind(fixColumn, HealthViewModel.Row::fix);
    findings.setRowFactory(t -> {
      TableRow<HealthViewModel.Row> row = new TableRow<>();
      row.itemProperty().addListener((o, a, r) -> {
        row.setTooltip(r == null ? null : new Tooltip(r.message() + (r.fix().isEmpty() ? "" : "\n" + r.fix())));
        row.getStyleClass().removeAll("health-error", "health-warning");
        if (r != null && r.level() != dev.sociscope.core.health.Check.Severity.INFO) {
          row.getStyleClass().add(r.level() == dev.sociscope.core.health.Check.Severity.ERROR ? "health-error"
              : "health-warning");
        }
      });
      return row;
    });
    summary.textProperty().bind(viewModel.summaryProperty());
    spotCheckBox.selectedProperty().bindBidirectional(viewModel.spotCheckProperty());
    checkButton.disableProperty().bind(viewModel.runningProperty());
  }

  private static void bind(TableColumn<HealthViewModel.Row, String> column,
      Function<HealthViewModel.Row, String> value) {
    column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
  }

  @FXML
  private void check() {
    viewModel.check();
  }

  public Button checkButton() {
    return checkButton;
  }
}
