package dev.sociscope.app.gui;

import dev.sociscope.app.common.FxTaskRunner;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.ztoc.FileTreeController;
import dev.sociscope.app.ztoc.FileTreeViewModel;
import dev.sociscope.app.ztoc.SpanMapController;
import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The main window: menus, sidebar, the zTOC workspace, activity panel and status bar. */
public final class MainController {
  private final MainViewModel viewModel;
  private final FileTreeViewModel treeViewModel;
  private final FxTaskRunner tasks;

  @FXML private BorderPane root;
  @FXML private VBox emptyState;
  @FXML private javafx.scene.layout.StackPane documentHost;
  private DocumentController documentController;
  private java.util.function.Supplier<dev.sociscope.app.common.ViewLoader.Loaded<DocumentController>> documentLoader;
  @FXML private javafx.scene.layout.StackPane activity;
  private java.util.function.Supplier<javafx.scene.Parent> activityLoader;
  @FXML private CheckMenuItem activityMenuItem;
  @FXML private CheckMenuItem darkMenuItem;
  @FXML private HBox statusBar;
  @FXML private Label statusLabel;
  @FXML private ProgressBar taskProgress;
  @FXML private Button cancelButton;
  @FXML private javafx.scene.layout.StackPane registry;
  @FXML private javafx.scene.control.TextField addressField;
  @FXML private javafx.scene.control.Menu fileMenu;
  @FXML private javafx.scene.control.MenuItem clearCacheItem;
  private final javafx.scene.control.ContextMenu completionPopup = new javafx.scene.control.ContextMenu();
  private CacheViewModel cache;
  /** True from the user's first key in the address field until it is opened: shown images do not overwrite it. */
  private boolean userTyping;
  private dev.sociscope.app.browse.RegistryController registryController;
  private java.util.function.Supplier<dev.sociscope.app.common.ViewLoader.Loaded<
      dev.sociscope.app.browse.RegistryController>> registryLoader;

  public MainController(MainViewModel viewModel, FileTreeViewModel treeViewModel, FxTaskRunner tasks) {
    this.viewModel = viewModel;
    this.treeViewModel = treeViewModel;
    this.tasks = tasks;
  }

  @FXML
  private void initialize() {
    emptyState.visibleProperty().bind(viewModel.hasDocumentBinding().not()
        .and(viewModel.modeProperty().isEqualTo(MainViewModel.Mode.ZTOC)));
    registry.visibleProperty().bind(viewModel.modeProperty().isEqualTo(MainViewModel.Mode.REGISTRY));
    viewModel.modeProperty().addListener((o, a, b) -> {
      if (b == MainViewModel.Mode.REGISTRY) {
        registry();
      }
    });
    // The document pane stays laid out behind the opaque welcome page, so opening a zTOC does not pay for
    // creating every skin at once.
    viewModel.hasDocumentBinding().addListener((o, a, has) -> {
      if (has) {
        document();
      }
    });

    activity.managedProperty().bind(activity.visibleProperty());
    activity.setVisible(false);
    activity.visibleProperty().addListener((o, a, shown) -> {
      if (shown && activity.getChildren().isEmpty()) {
        activity.getChildren().setAll(activityLoader.get());
      }
    });
    activityMenuItem.setSelected(viewModel.activityVisible());
    activityMenuItem.selectedProperty().addListener((o, a, b) -> {
      activity.setVisible(b);
      viewModel.setActivityVisible(b);
    });
    darkMenuItem.setSelected(viewModel.themeProperty().get() == dev.sociscope.app.common.Theme.DARK);
    darkMenuItem.selectedProperty().addListener((o, a, b) -> viewModel.themeProperty()
        .set(b ? dev.sociscope.app.common.Theme.DARK : dev.sociscope.app.common.Theme.LIGHT));
    viewModel.themeProperty().addListener((o, a, b) -> {
      darkMenuItem.setSelected(b == dev.sociscope.app.common.Theme.DARK);
      if (root.getScene() != null) {
        b.applyTo(root.getScene());
      }
    });

    bindStatusBar();
    bindAddress();
    root.setOnDragOver(this::dragOver);
    root.setOnDragDropped(this::dragDropped);
  }

  private void bindStatusBar() {
    taskProgress.visibleProperty().bind(tasks.currentProperty().isNotNull());
    cancelButton.visibleProperty().bind(tasks.currentProperty().isNotNull());
    taskProgress.managedProperty().bind(taskProgress.visibleProperty());
    cancelButton.managedProperty().bind(cancelButton.visibleProperty());
    tasks.currentProperty().addListener((o, old, task) -> {
      taskProgress.progressProperty().unbind();
      statusLabel.textProperty().unbind();
      if (task == null) {
        taskProgress.setProgress(0);
        statusLabel.setText(Messages.get("status.ready"));
      } else {
        taskProgress.progressProperty().bind(task.progressProperty());
        statusLabel.textProperty().bind(Bindings.createStringBinding(
            () -> task.getMessage() == null || task.getMessage().isEmpty()
                ? task.getTitle() : task.getTitle() + " \u2013 " + task.getMessage(),
            task.messageProperty(), task.titleProperty()));
      }
    });
    statusLabel.setText(Messages.get("status.ready"));
  }

  /** The address field offers completions from known registries, repositories and tags while the user types. */
  private void bindAddress() {
    addressField.addEventHandler(javafx.scene.input.KeyEvent.KEY_TYPED, e -> userTyping = true);
    addressField.textProperty().addListener((o, a, typed) -> {
      if (!addressField.isFocused() || !userTyping && !completionPopup.isShowing()) {
        return;
      }
      List<String> offered = viewModel.completions(typed);
      if (offered.isEmpty()) {
        completionPopup.hide();
        return;
      }
      completionPopup.getItems().setAll(offered.stream().map(this::completionItem).toList());
      if (!completionPopup.isShowing() && addressField.getScene() != null) {
        completionPopup.show(addressField, javafx.geometry.Side.BOTTOM, 0, 0);
      }
    });
    addressField.focusedProperty().addListener((o, a, focused) -> {
      if (!focused) {
        completionPopup.hide();
      }
    });
  }

  private javafx.scene.control.MenuItem completionItem(String text) {
    javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(text);
    item.setMnemonicParsing(false);
    item.setOnAction(e -> {
      addressField.setText(text);
      addressField.positionCaret(text.length());
      // A registry or repository is a step on the way; a full reference opens at once.
      if (!text.endsWith("/") && (text.contains(":") || text.contains("@"))) {
        openAddress();
      }
    });
    return item;
  }

  /** What the address field shows while the user types (tests read it). */
  public javafx.scene.control.ContextMenu completionPopup() {
    return completionPopup;
  }

  /** Shows the reference of the image on screen in the address field, unless the user is typing there. */
  public void showAddress(String reference) {
    if (!userTyping && !reference.isEmpty()) {
      addressField.setText(reference);
    }
  }

  public javafx.scene.control.TextField addressField() {
    return addressField;
  }

  @FXML
  void openAddress() {
    userTyping = false;
    completionPopup.hide();
    viewModel.openReference(addressField.getText());
  }

  /** Ctrl+L: to the address field, its text selected. */
  @FXML
  void focusAddress() {
    addressField.requestFocus();
    addressField.selectAll();
  }

  /** File > Clear cache: its size is measured each time the File menu opens. */
  public void setCache(CacheViewModel cache) {
    this.cache = cache;
    clearCacheItem.textProperty().bind(cache.menuTextProperty());
    fileMenu.setOnShowing(e -> cache.measure());
    cache.resultProperty().addListener((o, a, b) -> {
      // After the clearing task has left the status bar (it says "Ready" then)
      javafx.application.Platform.runLater(() -> {
        if (!b.isEmpty() && !statusLabel.textProperty().isBound()) {
          statusLabel.setText(b);
        }
      });
    });
  }

  @FXML
  void clearCache() {
    if (cache != null) {
      cache.clear();
    }
  }

  private void dragOver(DragEvent e) {
    if (e.getDragboard().hasFiles() || e.getDragboard().hasString()) {
      e.acceptTransferModes(TransferMode.COPY);
    }
    e.consume();
  }

  private void dragDropped(DragEvent e) {
    boolean done = false;
    if (e.getDragboard().hasFiles()) {
      List<File> files = e.getDragboard().getFiles();
      done = viewModel.drop(files.stream().map(File::toPath).toList());
    } else if (e.getDragboard().hasString()) {
      done = viewModel.dropText(e.getDragboard().getString());
    }
    e.setDropCompleted(done);
    e.consume();
  }

  public BorderPane root() {
    return root;
  }

  /** How to load the zTOC views; they are loaded when the first zTOC opens or when asked for. */
  public void setDocumentLoader(
      java.util.function.Supplier<dev.sociscope.app.common.ViewLoader.Loaded<DocumentController>> loader) {
    this.documentLoader = loader;
  }

  /** The zTOC views, loaded on first use. */
  public DocumentController document() {
    if (documentController == null) {
      dev.sociscope.app.common.ViewLoader.Loaded<DocumentController> loaded = documentLoader.get();
      documentHost.getChildren().setAll(loaded.root());
      documentController = loaded.controller();
    }
    return documentController;
  }

  public FileTreeController fileTree() {
    return document().fileTree();
  }

  public SpanMapController spanMap() {
    return document().spanMap();
  }

  /** The View menu's "Activity panel" toggle. */
  public CheckMenuItem activityToggle() {
    return activityMenuItem;
  }

  public TabPane sideTabs() {
    return document().sideTabs();
  }

  // Menu actions

  @FXML
  void openZtoc() {
    viewModel.openZtocWithDialog();
  }

  @FXML
  void openDemo() {
    viewModel.openDemo();
  }

  @FXML
  void connectRegistry() {
    viewModel.modeProperty().set(MainViewModel.Mode.REGISTRY);
    registry().addRegistryFromMenu();
  }

  @FXML
  void showZtoc() {
    viewModel.modeProperty().set(MainViewModel.Mode.ZTOC);
  }

  @FXML
  void showRegistry() {
    viewModel.modeProperty().set(MainViewModel.Mode.REGISTRY);
  }

  /** How to load the activity panel; it is loaded when first shown (the remembered state applies then). */
  public void setActivityLoader(java.util.function.Supplier<javafx.scene.Parent> loader) {
    this.activityLoader = loader;
    activity.setVisible(viewModel.activityVisible());
  }

  /** How to load the registry view; it is loaded the first time it is shown or asked for. */
  public void setRegistryLoader(java.util.function.Supplier<dev.sociscope.app.common.ViewLoader.Loaded<
      dev.sociscope.app.browse.RegistryController>> loader) {
    this.registryLoader = loader;
  }

  public dev.sociscope.app.browse.RegistryController registry() {
    if (registryController == null) {
      dev.sociscope.app.common.ViewLoader.Loaded<dev.sociscope.app.browse.RegistryController> loaded =
          registryLoader.get();
      registry.getChildren().setAll(loaded.root());
      registryController = loaded.controller();
    }
    return registryController;
  }

  @FXML
  void closeDocument() {
    viewModel.close();
  }


  @FXML
  void attachLayer() {
    viewModel.attachLayerWithDialog();
  }

  @FXML
  void refresh() {
    viewModel.refresh();
  }

  @FXML
  void find() {
    if (viewModel.hasDocumentBinding().get()) {
      fileTree().focusFilter();
    }
  }

  /** Ctrl+C: text fields copy their selection; elsewhere the selected paths are copied. */
  @FXML
  void copyPath() {
    Node focus = root.getScene() == null ? null : root.getScene().getFocusOwner();
    if (focus instanceof TextInputControl) {
      ((TextInputControl) focus).copy();
      return;
    }
    String paths = treeViewModel.selectedPaths();
    if (!paths.isEmpty()) {
      ClipboardContent content = new ClipboardContent();
      content.putString(paths);
      Clipboard.getSystemClipboard().setContent(content);
    }
  }

  @FXML
  void saveSelection() {
    treeViewModel.saveSelectionWithDialog();
  }

  @FXML
  void cancelTask() {
    tasks.cancelCurrent();
  }

  @FXML
  void about() {
    viewModel.showAbout();
  }

  @FXML
  void quit() {
    Window w = root.getScene() == null ? null : root.getScene().getWindow();
    if (w != null) {
      w.fireEvent(new javafx.stage.WindowEvent(w, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
      if (w.isShowing()) {
        w.hide();
      }
    }
  }
}
