package dev.sociscope.app.browse;

import dev.sociscope.core.format.ByteSize;
import dev.sociscope.app.create.CreateIndexViewModel;
import dev.sociscope.app.create.CreateIndexController;
import dev.sociscope.app.files.ImageFilesController;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.Styles;
import dev.sociscope.app.model.ImageDetails;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** The registry browser: repositories and tags on the left, the chosen image on the right. */
public final class RegistryController {
  private final RegistryViewModel viewModel;
  /** Loads wizard windows off the FX thread, one at a time. */
  private static final java.util.concurrent.Executor WIZARD_LOADER =
      java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sociscope-view-loader");
        t.setDaemon(true);
        return t;
      });

  private javafx.stage.Stage createDialog;
  private boolean openingWizard;

  @FXML private Label registryTitle;
  @FXML private Label registryStatus;
  @FXML private TextField repositoryFilter;
  @FXML private ListView<String> repositoryList;
  @FXML private TextField tagFilter;
  @FXML private ListView<String> tagList;
  @FXML private javafx.scene.layout.HBox repositoryPaging;
  @FXML private Label repositorySummary;
  @FXML private Button moreRepositories;
  @FXML private javafx.scene.layout.HBox tagPaging;
  @FXML private Label tagSummary;
  @FXML private Button moreTags;
  @FXML private VBox imagePane;
  @FXML private Label imageMessage;
  @FXML private Label imageTitle;
  @FXML private Label imageDigest;
  @FXML private ComboBox<String> platformBox;
  @FXML private TableView<ImageDetails.Fact> configTable;
  @FXML private TableColumn<ImageDetails.Fact, String> factName;
  @FXML private TableColumn<ImageDetails.Fact, String> factValue;
  @FXML private TableView<ImageDetails.SociIndexRow> indexTable;
  @FXML private Button compareButton;
  @FXML private TableColumn<ImageDetails.SociIndexRow, String> indexDigest;
  @FXML private TableColumn<ImageDetails.SociIndexRow, String> indexVersion;
  @FXML private TableColumn<ImageDetails.SociIndexRow, String> indexTool;
  @FXML private TableColumn<ImageDetails.SociIndexRow, String> indexZtocs;
  @FXML private TableView<ImageDetails.Layer> layerTable;
  @FXML private TableColumn<ImageDetails.Layer, String> layerIndex;
  @FXML private TableColumn<ImageDetails.Layer, String> layerDigest;
  @FXML private TableColumn<ImageDetails.Layer, String> layerType;
  @FXML private TableColumn<ImageDetails.Layer, Long> layerSize;
  @FXML private TableColumn<ImageDetails.Layer, String> layerSoci;
  @FXML private Button openZtocButton;
  @FXML private javafx.scene.control.TabPane imageTabs;
  @FXML private javafx.scene.control.Tab filesTab;
  @FXML private javafx.scene.control.TitledPane configPane;
  @FXML private ImageFilesController imageFilesController;

  public RegistryController(RegistryViewModel viewModel) {
    this.viewModel = viewModel;
  }

  /** The row under a list shows only while there is more to load or a search is active. */
  private static void bindPaging(PagedNames pages, javafx.scene.layout.HBox row, Label summary, Button more) {
    summary.textProperty().bind(pages.summaryProperty());
    more.visibleProperty().bind(pages.moreProperty());
    more.managedProperty().bind(pages.moreProperty());
    more.disableProperty().bind(pages.loadingProperty());
    javafx.beans.binding.BooleanBinding shown = pages.moreProperty().or(pages.summaryProperty().isNotEmpty());
    row.visibleProperty().bind(shown);
    row.managedProperty().bind(shown);
  }

  /** Scrolling a list to its end loads the next page (the button does the same). */
  private static void loadMoreAtEnd(ListView<String> list, Runnable loadMore) {
    list.skinProperty().addListener((o, a, skin) -> {
      for (javafx.scene.Node n : list.lookupAll(".scroll-bar")) {
        if (n instanceof javafx.scene.control.ScrollBar bar
            && bar.getOrientation() == javafx.geometry.Orientation.VERTICAL) {
          bar.valueProperty().addListener((o2, before, value) -> {
            if (bar.isVisible() && value.doubleValue() >= bar.getMax() && before.doubleValue() < bar.getMax()) {
              loadMore.run();
            }
          });
        }
      }
    });
  }

  private static Label placeholder(PagedNames pages) {
    Label label = new Label();
    label.setWrapText(true);
    label.textProperty().bind(pages.placeholderProperty());
    return label;
  }

  private static void followSelection(ListView<String> list,
      javafx.beans.value.ObservableStringValue chosen) {
    Runnable sync = () -> {
      String name = chosen.get();
      if (name == null || name.isEmpty() || !list.getItems().contains(name)) {
        list.getSelectionModel().clearSelection();
      } else if (!name.equals(list.getSelectionModel().getSelectedItem())) {
        list.getSelectionModel().select(name);
      }
    };
    chosen.addListener((o, a, b) -> sync.run());
    list.getItems().addListener((javafx.collections.ListChangeListener<String>) c -> sync.run());
  }

  @FXML
  private void loadMoreRepositories() {
    viewModel.loadMoreRepositories();
  }

  @FXML
  private void loadMoreTags() {
    viewModel.loadMoreTags();
  }

  @FXML
  private void initialize() {
    viewModel.profile().setOnCreateWithPrefetch(this::createIndex); // the Profile tab's "Create index with these"
    registryTitle.textProperty().bind(Bindings.createStringBinding(() -> viewModel.connectionProperty().get() == null
        ? Messages.get("registry.title") : viewModel.connectionProperty().get().registry().name(),
        viewModel.connectionProperty()));
    registryStatus.textProperty().bind(viewModel.statusProperty());
    repositoryFilter.textProperty().bindBidirectional(viewModel.repositoryFilterProperty());
    tagFilter.textProperty().bindBidirectional(viewModel.tagFilterProperty());
    repositoryList.setItems(viewModel.repositories());
    tagList.setItems(viewModel.tags());
    repositoryList.setPlaceholder(placeholder(viewModel.repositoryPages()));
    tagList.setPlaceholder(placeholder(viewModel.tagPages()));
    // The lists follow choices made elsewhere (an address, a refresh); a name not listed leaves no row selected.
    followSelection(repositoryList, viewModel.selectedRepositoryProperty());
    followSelection(tagList, viewModel.selectedTagProperty());
    repositoryList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> viewModel.selectRepository(b));
    tagList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> viewModel.selectTag(b));
    bindPaging(viewModel.repositoryPages(), repositoryPaging, repositorySummary, moreRepositories);
    bindPaging(viewModel.tagPages(), tagPaging, tagSummary, moreTags);
    loadMoreAtEnd(repositoryList, viewModel::loadMoreRepositories);
    loadMoreAtEnd(tagList, viewModel::loadMoreTags);

    imageMessage.textProperty().bind(viewModel.imageMessageProperty());
    imagePane.visibleProperty().bind(viewModel.imageProperty().isNotNull());
    imageMessage.visibleProperty().bind(viewModel.imageProperty().isNull());
    factName.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
    factValue.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
    configTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    layerTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
    indexTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
    layerTable.setPlaceholder(new Label(Messages.get("image.layers.none")));
    indexDigest.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().digest()));
    indexVersion.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().version()));
    indexTool.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().createdBy()));
    indexZtocs.setCellValueFactory(c -> new ReadOnlyStringWrapper(Integer.toString(c.getValue().ztocCount())));
    indexTable.setPlaceholder(new Label(Messages.get("image.soci.none")));
    compareButton.disableProperty().bind(viewModel.imageProperty().isNull());
    layerIndex.setCellValueFactory(c -> new ReadOnlyStringWrapper(Integer.toString(c.getValue().index())));
    layerDigest.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().digest()));
    layerType.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().mediaType()));
    layerSize.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().size()));
    layerSize.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(Long item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : ByteSize.human(item));
      }
    });
    layerSoci.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().sociStatus()));
    layerSoci.setCellFactory(dev.sociscope.app.common.FullText.cells());
    dev.sociscope.app.common.FullText.install(imageTitle);
    dev.sociscope.app.common.FullText.install(imageDigest);
    layerDigest.getStyleClass().add(Styles.MONO);
    indexDigest.getStyleClass().add(Styles.MONO);
    layerTable.setRowFactory(t -> {
      javafx.scene.control.TableRow<ImageDetails.Layer> row = new javafx.scene.control.TableRow<>();
      row.setOnMouseClicked(e -> {
        if (e.getClickCount() == 2 && !row.isEmpty()) {
          viewModel.openLayer(row.getItem());
        }
      });
      return row;
    });
    openZtocButton.disableProperty().bind(Bindings.createBooleanBinding(() -> {
      ImageDetails.Layer l = layerTable.getSelectionModel().getSelectedItem();
      return l == null || !l.indexed();
    }, layerTable.getSelectionModel().selectedItemProperty()));

    viewModel.imageProperty().addListener((o, a, img) -> {
      show(img);
      if (img != null && filesTab.isSelected()) {
        viewModel.showFiles();
      }
    });
    filesTab.selectedProperty().addListener((o, a, selected) -> {
      configPane.setExpanded(!selected); // the file tree gets the height; the header opens again on a click
      if (selected) {
        viewModel.showFiles();
      }
    });
    platformBox.valueProperty().addListener((o, a, b) -> viewModel.selectPlatform(b));
  }

  private void show(ImageDetails img) {
    if (img == null) {
      return;
    }
    imageTitle.setText(img.reference());
    imageDigest.setText(img.digest() + (img.manifestDigest().equals(img.digest()) ? ""
        : "\n" + Messages.get("image.manifestDigest", img.manifestDigest())));
    platformBox.setItems(FXCollections.observableArrayList(img.platforms()));
    platformBox.setVisible(!img.platforms().isEmpty());
    platformBox.setManaged(!img.platforms().isEmpty());
    platformBox.setValue(img.platform().isEmpty() ? null : img.platform());
    configTable.getItems().setAll(img.config());
    indexTable.getItems().setAll(img.sociIndexes());
    layerTable.getItems().setAll(img.layers());
  }

  /**
   * Compares the selected SOCI index (or the one the runtime uses) with another tag or digest of the repository,
   * asked for in a small dialog, and shows the differences in a window of their own.
   */
  @FXML
  private void compareIndexes() {
    ImageDetails.SociIndexRow selected = indexTable.getSelectionModel().getSelectedItem();
    javafx.scene.control.TextInputDialog ask = new javafx.scene.control.TextInputDialog();
    ask.initOwner(imagePane.getScene().getWindow());
    ask.setTitle(Messages.get("compare.title"));
    ask.setHeaderText(Messages.get("compare.ask", selected == null ? viewModel.selectedTagProperty().get()
        : dev.sociscope.core.format.ShortDigest.of(selected.digest())));
    ask.getEditor().setPromptText(Messages.get("compare.prompt"));
    ask.showAndWait().filter(t -> !t.isBlank()).ifPresent(other -> {
      viewModel.compareWith(selected == null ? "" : selected.digest(), other);
      dev.sociscope.app.compare.CompareDialog.show(imagePane.getScene().getWindow(), viewModel.compare(),
          imagePane.getScene().getStylesheets());
    });
  }

  /**
   * Opens the create-index wizard for the shown image in its own window. Loading the FXML and the first CSS and
   * layout pass of the new scene cost about 100 ms, so they run on a loader thread while the scene is not showing
   * (JavaFX allows that); the FX thread only creates and shows the stage. The view model is fresh and starts its
   * plan only when the window shows ({@link CreateIndexViewModel#start}), so the loader thread binding to it races
   * with nothing.
   */
  @FXML
  private void createIndex() {
    createIndex(java.util.List.of());
  }

  /** The wizard, with {@code prefetch} paths pre-filled (from the Profile tab) or none. */
  private void createIndex(java.util.List<String> prefetch) {
    if (openingWizard) {
      return; // A second click while the first wizard is still loading
    }
    CreateIndexViewModel wizard = viewModel.newCreateWizard(prefetch);
    if (wizard == null) {
      return;
    }
    javafx.scene.Scene mainScene = imagePane.getScene();
    java.util.List<String> stylesheets = mainScene == null ? java.util.List.of()
        : java.util.List.copyOf(mainScene.getStylesheets());
    boolean dark = mainScene != null && mainScene.getRoot().getStyleClass().contains(Styles.DARK);
    openingWizard = true;
    java.util.concurrent.CompletableFuture.supplyAsync(() -> wizardScene(wizard, stylesheets, dark), WIZARD_LOADER)
        .whenComplete((scene, error) -> javafx.application.Platform.runLater(() -> {
          openingWizard = false;
          if (error != null) {
            throw new IllegalStateException("cannot open the create-index wizard", error);
          }
          showWizard(wizard, scene);
        }));
  }

  /** Runs on the loader thread: the wizard's scene with its CSS applied and laid out, not yet in a window. */
  private static javafx.scene.Scene wizardScene(CreateIndexViewModel wizard, java.util.List<String> stylesheets,
      boolean dark) {
    java.util.Map<Class<?>, java.util.function.Supplier<?>> controllers = java.util.Map.of(
        CreateIndexController.class, () -> new CreateIndexController(wizard));
    dev.sociscope.app.common.ViewLoader.Loaded<CreateIndexController> loaded =
        new dev.sociscope.app.common.ViewLoader(controllers).load(dev.sociscope.app.common.FxmlView.CREATE_INDEX);
    javafx.scene.Scene scene = new javafx.scene.Scene(loaded.root());
    scene.getStylesheets().setAll(stylesheets);
    if (dark) {
      scene.getRoot().getStyleClass().add(Styles.DARK);
    }
    javafx.scene.Parent root = scene.getRoot();
    root.applyCss();
    root.resize(root.prefWidth(-1), root.prefHeight(-1));
    root.layout();
    return scene;
  }

  private void showWizard(CreateIndexViewModel wizard, javafx.scene.Scene scene) {
    javafx.stage.Stage stage = new javafx.stage.Stage();
    javafx.stage.Window owner = imagePane.getScene() == null ? null : imagePane.getScene().getWindow();
    if (owner != null) {
      stage.initOwner(owner);
    }
    stage.setTitle(Messages.get("create.title"));
    stage.setScene(scene);
    stage.setOnCloseRequest(e -> {
      if (wizard.stateProperty().get() == CreateIndexViewModel.State.RUNNING) {
        e.consume(); // Cancel first; closing would leave the build running unseen
      }
    });
    createDialog = stage;
    stage.show();
    wizard.start(); // only now: until the scene is shown, the loader thread's bindings may still be settling
  }

  /** The wizard window opened last, or null. */
  public javafx.stage.Stage createDialog() {
    return createDialog;
  }

  @FXML
  private void addRegistry() {
    viewModel.addRegistry();
  }

  /** File > Connect to registry. */
  public void addRegistryFromMenu() {
    viewModel.addRegistry();
  }

  @FXML
  private void refresh() {
    viewModel.refresh();
  }

  @FXML
  private void openZtoc() {
    viewModel.openLayer(layerTable.getSelectionModel().getSelectedItem());
  }

  public TableView<ImageDetails.Layer> layerTable() {
    return layerTable;
  }

  public javafx.scene.control.TabPane imageTabs() {
    return imageTabs;
  }

  public ImageFilesController imageFiles() {
    return imageFilesController;
  }

  public ListView<String> repositoryList() {
    return repositoryList;
  }

  public Button moreRepositoriesButton() {
    return moreRepositories;
  }

  public Label repositorySummary() {
    return repositorySummary;
  }

  public ListView<String> tagList() {
    return tagList;
  }
}
