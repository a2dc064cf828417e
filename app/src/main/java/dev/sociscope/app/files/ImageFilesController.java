package dev.sociscope.app.files;

import dev.sociscope.app.common.FullText;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.preview.MoreOnScrollCell;
import dev.sociscope.app.settings.AppSettings;
import dev.sociscope.app.ztoc.FileTreeTable;
import dev.sociscope.app.ztoc.NameFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.animation.PauseTransition;
import javafx.fxml.FXML;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The Files tab of the image view: the merged or per-layer tree with a name/glob filter (Ctrl+F), keyboard
 * navigation (Enter previews) and "Copy path"; the preview is a side pane (a bottom pane in a narrow window) that
 * appears with the first preview, follows the selection, and remembers where its divider was.
 */
public final class ImageFilesController {
  static final String SIDE_DIVIDER = "files.preview.side";
  static final String BOTTOM_DIVIDER = "files.preview.bottom";
  /** Below this width the preview goes under the tree, so neither gets too narrow. */
  static final double SIDE_BY_SIDE_MIN_WIDTH = 760;
  /** Compact rows: the Files tab shows more of the tree than the zTOC view's 26 px rows. */
  static final double ROW_HEIGHT = 24;
  private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
  private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

  private final ImageFilesViewModel viewModel;
  private final AppSettings settings;
  private final PauseTransition filterDelay = new PauseTransition(Duration.millis(150));
  private FileTreeTable table;
  private boolean updatingViews;
  private boolean placingDivider;

  @FXML private VBox root;
  @FXML private ComboBox<String> viewBox;
  @FXML private TextField filterField;
  @FXML private Label filterSummary;
  @FXML private Label summary;
  @FXML private Button previewButton;
  @FXML private Button saveButton;
  @FXML private javafx.scene.layout.HBox notePane;
  @FXML private Label note;
  @FXML private Button scanButton;
  @FXML private SplitPane split;
  @FXML private TreeTableView<FileNode> tree;
  @FXML private VBox previewPane;
  @FXML private Label previewTitle;
  @FXML private Label readStatus;
  @FXML private ListView<String> previewArea;

  /** @param settings where split positions are remembered; null keeps them for this run only */
  public ImageFilesController(ImageFilesViewModel viewModel, AppSettings settings) {
    this.viewModel = viewModel;
    this.settings = settings;
  }

  public ImageFilesController(ImageFilesViewModel viewModel) {
    this(viewModel, null);
  }

  @FXML
  private void initialize() {
    table = new FileTreeTable(tree, true);
    // Loading, empty, no zTOC, filtered to nothing, failed: the view model's words, never a guess.
    table.bindPlaceholder(javafx.beans.binding.Bindings.createStringBinding(
        () -> viewModel.statusProperty().get().text(), viewModel.statusProperty()));
    tree.setFixedCellSize(ROW_HEIGHT);
    tree.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    viewBox.setItems(viewModel.views());
    // "Show" follows the view model: the merged image for a new image, the same layer after a refresh.
    viewModel.views().addListener((javafx.collections.ListChangeListener<String>) c -> showChoice());
    viewModel.shownViewProperty().addListener((o, a, b) -> showChoice());
    viewBox.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
      if (!updatingViews) {
        viewModel.selectView(b.intValue());
      }
    });
    FullText.install(summary).textProperty().bind(viewModel.summaryProperty());
    note.textProperty().bind(viewModel.noteProperty());
    notePane.visibleProperty().bind(viewModel.noteProperty().isNotEmpty());
    notePane.managedProperty().bind(notePane.visibleProperty());
    scanButton.visibleProperty().bind(viewModel.canScanProperty());
    scanButton.managedProperty().bind(scanButton.visibleProperty());
    FullText.install(readStatus).textProperty().bind(viewModel.readStatusProperty());
    FullText.install(previewTitle).textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> viewModel.previewedProperty().get() == null ? "" : viewModel.previewedProperty().get().displayPath(),
        viewModel.previewedProperty()));
    previewArea.setItems(viewModel.previewLines());
    previewArea.setFixedCellSize(20);
    previewArea.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    previewArea.setCellFactory(l -> new MoreOnScrollCell(viewModel.moreAvailableProperty(), viewModel::loadMore));
    previewArea.setOnKeyPressed(e -> {
      if (COPY.match(e)) {
        FullText.copy(String.join("\n", previewArea.getSelectionModel().getSelectedItems()));
        e.consume();
      }
    });
    previewButton.disableProperty().bind(tree.getSelectionModel().selectedItemProperty().isNull());
    saveButton.disableProperty().bind(tree.getSelectionModel().selectedItemProperty().isNull());

    filterSetup();
    viewModel.treeProperty().addListener((o, a, b) -> showTree());
    viewModel.reselectProperty().addListener((o, a, b) -> table.select(b));
    viewModel.filterResultProperty().addListener((o, a, b) -> showTree());
    treeSetup();
    previewPaneSetup();
    showTree();
  }

  private void showChoice() {
    updatingViews = true;
    viewBox.getSelectionModel().select(viewModel.shownViewProperty().get());
    updatingViews = false;
  }

  private void filterSetup() {
    filterField.textProperty().bindBidirectional(viewModel.filterTextProperty());
    filterDelay.setOnFinished(e -> viewModel.applyFilter());
    filterField.textProperty().addListener((o, a, b) -> filterDelay.playFromStart());
    filterField.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ESCAPE) {
        filterDelay.stop();
        viewModel.clearFilter();
        tree.requestFocus();
      } else if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.DOWN) {
        filterDelay.stop();
        viewModel.applyFilter();
        tree.requestFocus();
        if (tree.getSelectionModel().isEmpty() && tree.getExpandedItemCount() > 0) {
          tree.getSelectionModel().select(0);
        }
      }
    });
    filterSummary.textProperty().bind(viewModel.filterSummaryProperty());
    // Ctrl+F anywhere in the Files tab; a filter runs before the menu's accelerator (the zTOC view's Find).
    root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (FIND.match(e)) {
        focusFilter();
        e.consume();
      }
    });
  }

  private void treeSetup() {
    tree.setRowFactory(t -> {
      TreeTableRow<FileNode> row = new TreeTableRow<>();
      row.setOnMouseClicked(e -> {
        if (e.getClickCount() == 2 && !row.isEmpty() && !row.getItem().isDirectory()) {
          viewModel.preview(row.getItem());
        }
      });
      return row;
    });
    tree.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ENTER && selected() != null && !selected().isDirectory()) {
        viewModel.preview(selected());
        e.consume();
      } else if (COPY.match(e)) {
        copyPaths();
        e.consume();
      }
    });
    MenuItem copy = new MenuItem(Messages.get("tree.menu.copyPath"));
    copy.setOnAction(e -> copyPaths());
    MenuItem preview = new MenuItem(Messages.get("image.files.preview"));
    preview.setOnAction(e -> preview());
    MenuItem save = new MenuItem(Messages.get("image.files.save"));
    save.setOnAction(e -> save());
    // Profile tab's "add to profile": the selected files' paths go to the image's start-up profile.
    MenuItem addToProfile = new MenuItem(Messages.get("files.addToProfile"));
    addToProfile.setId("addToProfile");
    addToProfile.setOnAction(e -> viewModel.addToProfile(tree.getSelectionModel().getSelectedItems().stream()
        .filter(java.util.Objects::nonNull).map(TreeItem::getValue).toList()));
    tree.setContextMenu(new ContextMenu(copy, preview, save, addToProfile));
    tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) ->
        viewModel.selectedPathProperty().set(b == null ? null : b.getValue().path()));
    // The preview follows the selection while its pane is open.
    tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
      if (b != null && viewModel.previewShownProperty().get() && b.getValue() != viewModel.previewedProperty().get()
          && !b.getValue().isDirectory()) {
        viewModel.preview(b.getValue());
      }
    });
  }

  private void previewPaneSetup() {
    viewModel.previewShownProperty().addListener((o, a, shown) -> placePreview());
    split.widthProperty().addListener((o, a, b) -> {
      Orientation want = b.doubleValue() >= SIDE_BY_SIDE_MIN_WIDTH ? Orientation.HORIZONTAL : Orientation.VERTICAL;
      if (split.getOrientation() != want) {
        split.setOrientation(want);
        placePreview();
      }
    });
  }

  /** Adds or removes the preview pane and puts the divider where the user last left it. */
  private void placePreview() {
    boolean shown = viewModel.previewShownProperty().get();
    placingDivider = true;
    try {
      if (!shown) {
        split.getItems().remove(previewPane);
        return;
      }
      if (!split.getItems().contains(previewPane)) {
        split.getItems().add(previewPane);
      }
      String key = dividerKey();
      double fallback = split.getOrientation() == Orientation.HORIZONTAL ? 0.55 : 0.6;
      double position = settings == null ? fallback : settings.get().divider(key, fallback);
      SplitPane.Divider divider = split.getDividers().get(0);
      divider.setPosition(position);
      divider.positionProperty().addListener((o, a, b) -> remember(key, divider, b.doubleValue()));
    } finally {
      placingDivider = false;
    }
  }

  private String dividerKey() {
    return split.getOrientation() == Orientation.HORIZONTAL ? SIDE_DIVIDER : BOTTOM_DIVIDER;
  }

  private void remember(String key, SplitPane.Divider divider, double position) {
    if (placingDivider || settings == null || !split.getDividers().contains(divider) || !key.equals(dividerKey())
        || split.getWidth() <= 0) {
      return;
    }
    // Written when the drag settles, not on every pixel.
    dividerSave.setOnFinished(e -> settings.update(s -> s.withDivider(key, position)));
    dividerSave.playFromStart();
  }

  private final PauseTransition dividerSave = new PauseTransition(Duration.millis(400));

  private void showTree() {
    NameFilter.Result result = viewModel.filterResultProperty().get();
    FileNode before = selected();
    table.show(viewModel.treeProperty().get(), result == null ? null : result.visible());
    // A new filter result (or the one after a refresh) keeps the selected file where it is still shown.
    if ((before == null || !table.select(before)) && viewModel.reselectProperty().get() != null) {
      table.select(viewModel.reselectProperty().get());
    }
  }

  /** Puts the keyboard focus into the filter field (Ctrl+F). */
  public void focusFilter() {
    filterField.requestFocus();
    filterField.selectAll();
  }

  private void copyPaths() {
    List<String> paths = new ArrayList<>();
    for (TreeItem<FileNode> item : tree.getSelectionModel().getSelectedItems()) {
      if (item != null) {
        paths.add(item.getValue().displayPath());
      }
    }
    if (!paths.isEmpty()) {
      FullText.copy(paths.stream().collect(Collectors.joining("\n")));
    }
  }

  private FileNode selected() {
    TreeItem<FileNode> item = tree.getSelectionModel().getSelectedItem();
    return item == null ? null : item.getValue();
  }

  @FXML
  private void preview() {
    viewModel.preview(selected());
  }

  @FXML
  private void save() {
    viewModel.saveWithDialog(selected());
  }

  @FXML
  private void scan() {
    viewModel.scanUnindexed();
  }

  @FXML
  private void closePreview() {
    viewModel.closePreview();
    tree.requestFocus();
  }

  public TreeTableView<FileNode> tree() {
    return tree;
  }

  public ComboBox<String> viewBox() {
    return viewBox;
  }

  public TextField filterField() {
    return filterField;
  }

  public SplitPane split() {
    return split;
  }

  public ListView<String> previewArea() {
    return previewArea;
  }

  public Label readStatus() {
    return readStatus;
  }
}
