package dev.sociscope.app.create;

import dev.sociscope.core.format.ByteSize;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.Styles;
import dev.sociscope.core.soci.SociVersion;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The create-index wizard's dialog. */
public final class CreateIndexController {
  private final CreateIndexViewModel viewModel;

  @FXML private Label imageName;
  @FXML private ComboBox<Boolean> platformBox;
  @FXML private Spinner<Integer> spanSpinner;
  @FXML private Spinner<Integer> minSpinner;
  @FXML private ComboBox<SociVersion> versionBox;
  @FXML private TableView<CreateIndexViewModel.PlanRow> planTable;
  @FXML private TableColumn<CreateIndexViewModel.PlanRow, String> planPlatform;
  @FXML private TableColumn<CreateIndexViewModel.PlanRow, String> planIndex;
  @FXML private javafx.scene.layout.HBox identicalPane;
  @FXML private Label identicalText;
  @FXML private Button openIdenticalButton;
  @FXML private Button buildAnywayButton;
  @FXML private Label destination;
  @FXML private Label blockedReason;
  @FXML private TableColumn<CreateIndexViewModel.PlanRow, String> planDigest;
  @FXML private TableColumn<CreateIndexViewModel.PlanRow, Long> planSize;
  @FXML private TableColumn<CreateIndexViewModel.PlanRow, String> planDecision;
  @FXML private Label estimate;
  @FXML private VBox progressBox;
  @FXML private Label status;
  @FXML private Button runButton;
  @FXML private Button previewButton;
  @FXML private Label previewText;
  @FXML private Button cancelButton;
  @FXML private Button closeButton;

  public CreateIndexController(CreateIndexViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    imageName.setText(viewModel.imageName());
    String shown = viewModel.image().platform();
    platformBox.setItems(FXCollections.observableArrayList(false, true));
    platformBox.setConverter(converter(all -> all ? Messages.get("create.platforms.all")
        : shown.isEmpty() ? Messages.get("create.platforms.default") : Messages.get("create.platforms.shown", shown)));
    platformBox.setValue(viewModel.allPlatformsProperty().get());
    platformBox.setDisable(viewModel.image().platforms().size() < 2);
    platformBox.valueProperty().addListener((o, a, b) -> viewModel.allPlatformsProperty().set(Boolean.TRUE.equals(b)));
    // and back: the choice may be made for the user (a pre-filled wizard), and the box must not say otherwise
    viewModel.allPlatformsProperty().addListener((o, a, b) -> platformBox.setValue(b));
    spanSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 64,
        viewModel.spanMiBProperty().get()));
    minSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 1024,
        viewModel.minLayerMiBProperty().get()));
    spanSpinner.valueProperty().addListener((o, a, b) -> viewModel.spanMiBProperty().set(b));
    minSpinner.valueProperty().addListener((o, a, b) -> viewModel.minLayerMiBProperty().set(b));
    viewModel.spanMiBProperty().addListener((o, a, b) -> spanSpinner.getValueFactory().setValue(b.intValue()));
    viewModel.minLayerMiBProperty().addListener((o, a, b) -> minSpinner.getValueFactory().setValue(b.intValue()));
    viewModel.versionProperty().addListener((o, a, b) -> versionBox.setValue(b));
    versionBox.setItems(FXCollections.observableArrayList(SociVersion.V1, SociVersion.V2));
    versionBox.setConverter(converter(v -> v == SociVersion.V1 ? Messages.get("create.version.referrers")
        : Messages.get("create.version.enabled", viewModel.tag())));
    versionBox.setValue(viewModel.versionProperty().get());
    versionBox.valueProperty().addListener((o, a, b) -> viewModel.versionProperty().set(b));

    planTable.setItems(viewModel.plan());
    planTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    planPlatform.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().platform()));
    planIndex.setCellValueFactory(c -> new ReadOnlyStringWrapper(Integer.toString(c.getValue().index())));
    planDigest.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().digest()));
    planDigest.getStyleClass().add(Styles.MONO);
    planSize.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().size()));
    planSize.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(Long item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : ByteSize.human(item));
      }
    });
    planDecision.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().decision()));
    estimate.textProperty().bind(viewModel.estimateProperty());
    destination.textProperty().bind(viewModel.destinationProperty());
    blockedReason.textProperty().bind(viewModel.blockedReasonProperty());
    identicalText.textProperty().bind(viewModel.identicalProperty());
    var hasIdentical = viewModel.identicalProperty().isNotEmpty();
    identicalPane.visibleProperty().bind(hasIdentical);
    identicalPane.managedProperty().bind(hasIdentical);
    buildAnywayButton.disableProperty().bind(viewModel.buildAnywayProperty());
    dev.sociscope.app.common.FullText.install(status).textProperty().bind(viewModel.statusProperty());

    viewModel.layers().addListener((ListChangeListener<CreateIndexViewModel.LayerProgress>) c -> rebuildBars());
    var running = viewModel.stateProperty().isEqualTo(CreateIndexViewModel.State.RUNNING);
    runButton.disableProperty().bind(running.or(viewModel.buildableProperty().not()));
    previewButton.disableProperty().bind(running.or(viewModel.buildableProperty().not()));
    previewButton.visibleProperty().bind(viewModel.versionProperty().isEqualTo(SociVersion.V2));
    previewButton.managedProperty().bind(previewButton.visibleProperty());
    // A label, not a list: the wizard opens without loading list skins on the FX thread.
    previewText.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> String.join("\n", viewModel.previewLines()), viewModel.previewLines()));
    var hasPreview = javafx.beans.binding.Bindings.isNotEmpty(viewModel.previewLines());
    previewText.visibleProperty().bind(hasPreview);
    previewText.managedProperty().bind(hasPreview);
    cancelButton.disableProperty().bind(running.not());
    closeButton.disableProperty().bind(running);
    for (javafx.scene.Node n : new javafx.scene.Node[] {platformBox, spanSpinner, minSpinner, versionBox}) {
      n.disableProperty().bind(running.or(javafx.beans.binding.Bindings.createBooleanBinding(
          () -> n == platformBox && viewModel.image().platforms().size() < 2)));
    }
  }

  private void rebuildBars() {
    progressBox.getChildren().clear();
    for (CreateIndexViewModel.LayerProgress p : viewModel.layers()) {
      Label name = new Label(p.label());
      name.setMinWidth(220);
      name.getStyleClass().add(Styles.MONO);
      ProgressBar bar = new ProgressBar();
      bar.progressProperty().bind(p.progressProperty());
      bar.setMaxWidth(Double.MAX_VALUE);
      HBox.setHgrow(bar, Priority.ALWAYS);
      Label detail = new Label();
      detail.setMinWidth(150);
      detail.getStyleClass().add("muted");
      detail.textProperty().bind(p.detailProperty());
      HBox row = new HBox(8, name, bar, detail);
      row.getStyleClass().add("layer-progress");
      progressBox.getChildren().add(row);
    }
  }

  private static <T> StringConverter<T> converter(java.util.function.Function<T, String> f) {
    return new StringConverter<>() {
      @Override
      public String toString(T t) {
        return t == null ? "" : f.apply(t);
      }

      @Override
      public T fromString(String s) {
        throw new UnsupportedOperationException();
      }
    };
  }

  @FXML
  private void run() {
    viewModel.run();
  }

  @FXML
  private void cancel() {
    viewModel.cancel();
  }

  @FXML
  private void close() {
    if (status.getScene() != null && status.getScene().getWindow() != null) {
      status.getScene().getWindow().hide();
    }
  }

  @FXML
  private void openIdentical() {
    viewModel.openIdentical();
  }

  @FXML
  private void buildAnyway() {
    viewModel.buildAnywayProperty().set(true);
  }

  @FXML
  private void preview() {
    viewModel.preview();
  }

  public Button runButton() {
    return runButton;
  }

  public Button openIdenticalButton() {
    return openIdenticalButton;
  }

  public Label blockedReason() {
    return blockedReason;
  }

  public Button cancelButton() {
    return cancelButton;
  }

  public Spinner<Integer> minSpinner() {
    return minSpinner;
  }
}
