package dev.sociscope.app.profile;

import dev.sociscope.core.format.ByteSize;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;

/** The Profile tab: paths on the left, per-layer table and bars (full pull against lazy) on the right. */
public final class ProfileController {
  private final ProfileViewModel viewModel;

  @FXML private TextArea pathsArea;
  @FXML private TextField bandwidthField;
  @FXML private TextField rttField;
  @FXML private Label summary;
  @FXML private Label timing;
  @FXML private javafx.scene.control.ComboBox<Long> spanBox;
  @FXML private Label spanNote;
  @FXML private TableView<ProfileViewModel.Row> layerTable;
  @FXML private TableColumn<ProfileViewModel.Row, String> layerColumn;
  @FXML private TableColumn<ProfileViewModel.Row, String> indexedColumn;
  @FXML private TableColumn<ProfileViewModel.Row, String> filesColumn;
  @FXML private TableColumn<ProfileViewModel.Row, String> spansColumn;
  @FXML private TableColumn<ProfileViewModel.Row, String> fullColumn;
  @FXML private TableColumn<ProfileViewModel.Row, String> lazyColumn;
  @FXML private BarChart<String, Number> chart;

  public ProfileController(ProfileViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    pathsArea.textProperty().bindBidirectional(viewModel.pathsProperty());
    bandwidthField.textProperty().bindBidirectional(viewModel.bandwidthProperty());
    rttField.textProperty().bindBidirectional(viewModel.rttProperty());
    summary.textProperty().bind(viewModel.summaryProperty());
    timing.textProperty().bind(viewModel.timingProperty());
    spanNote.textProperty().bind(viewModel.spanNoteProperty());
    spanBox.getItems().setAll(ProfileViewModel.spanSizes());
    spanBox.setConverter(new javafx.util.StringConverter<>() {
      @Override
      public String toString(Long v) {
        return v == null ? "" : v == 0 ? dev.sociscope.app.common.Messages.get("profile.span.index")
            : ByteSize.human(v);
      }

      @Override
      public Long fromString(String s) {
        throw new UnsupportedOperationException();
      }
    });
    spanBox.setValue(viewModel.spanSizeProperty().get());
    spanBox.valueProperty().addListener((o, a, b) -> viewModel.spanSizeProperty().set(b == null ? 0 : b));
    viewModel.spanSizeProperty().addListener((o, a, b) -> spanBox.setValue(b.longValue()));
    layerTable.setItems(viewModel.rows());
    layerColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().layer()));
    indexedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().indexed() ? "yes" : "no"));
    filesColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(Integer.toString(c.getValue().files())));
    spansColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().spans()));
    fullColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(ByteSize.human(c.getValue().fullBytes())));
    lazyColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(ByteSize.human(c.getValue().lazyBytes())));
    chart.setAnimated(false);
    viewModel.rows().addListener((ListChangeListener<ProfileViewModel.Row>) c -> redraw());
  }

  /** One pair of bars per layer, in MiB: what a full pull downloads and what the lazy start fetches. */
  private void redraw() {
    XYChart.Series<String, Number> full = new XYChart.Series<>();
    full.setName(dev.sociscope.app.common.Messages.get("profile.chart.full"));
    XYChart.Series<String, Number> lazy = new XYChart.Series<>();
    lazy.setName(dev.sociscope.app.common.Messages.get("profile.chart.lazy"));
    XYChart.Series<String, Number> prefetched = new XYChart.Series<>();
    prefetched.setName(dev.sociscope.app.common.Messages.get("profile.chart.prefetched"));
    int i = 0;
    for (ProfileViewModel.Row r : viewModel.rows()) {
      String name = "#" + i++;
      full.getData().add(new XYChart.Data<>(name, r.fullBytes() / 1048576.0));
      lazy.getData().add(new XYChart.Data<>(name, r.lazyBytes() / 1048576.0));
      prefetched.getData().add(new XYChart.Data<>(name, r.prefetchedBytes() / 1048576.0));
    }
    chart.getData().setAll(java.util.List.of(full, lazy, prefetched));
  }

  @FXML
  private void run() {
    viewModel.run();
  }

  @FXML
  private void createWithPrefetch() {
    viewModel.createWithPrefetch();
  }

  @FXML
  private void importPaths() {
    viewModel.importPaths();
  }

  @FXML
  private void exportPaths() {
    viewModel.exportWithDialog();
  }
}
