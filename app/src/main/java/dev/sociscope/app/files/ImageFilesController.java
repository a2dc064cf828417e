package dev.sociscope.app.files;

import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.ztoc.FileTreeTable;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;

/** The Files tab of the image view: merged or per-layer tree, preview and save of one file. */
public final class ImageFilesController {
  private final ImageFilesViewModel viewModel;
  private FileTreeTable table;
  private boolean updatingViews;

  @FXML private ComboBox<String> viewBox;
  @FXML private Label summary;
  @FXML private Button previewButton;
  @FXML private Button saveButton;
  @FXML private HBox notePane;
  @FXML private Label note;
  @FXML private Button scanButton;
  @FXML private TreeTableView<FileNode> tree;
  @FXML private Label readStatus;
  @FXML private ListView<String> previewArea;

  public ImageFilesController(ImageFilesViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    table = new FileTreeTable(tree, true);
    viewBox.setItems(viewModel.views());
    viewModel.views().addListener((javafx.collections.ListChangeListener<String>) c -> {
      updatingViews = true;
      viewBox.getSelectionModel().select(0);
      updatingViews = false;
    });
    viewBox.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
      if (!updatingViews) {
        viewModel.selectView(b.intValue());
      }
    });
    summary.textProperty().bind(viewModel.summaryProperty());
    note.textProperty().bind(viewModel.noteProperty());
    notePane.visibleProperty().bind(viewModel.noteProperty().isNotEmpty());
    notePane.managedProperty().bind(notePane.visibleProperty());
    scanButton.visibleProperty().bind(viewModel.canScanProperty());
    scanButton.managedProperty().bind(scanButton.visibleProperty());
    readStatus.textProperty().bind(viewModel.readStatusProperty());
    previewArea.setItems(viewModel.previewLines());
    previewArea.setFixedCellSize(20);
    viewModel.treeProperty().addListener((o, a, b) -> table.show(b));
    previewButton.disableProperty().bind(tree.getSelectionModel().selectedItemProperty().isNull());
    saveButton.disableProperty().bind(tree.getSelectionModel().selectedItemProperty().isNull());
    // Profile tab's "add to profile": the selected files' paths go to the image's start-up profile.
    javafx.scene.control.MenuItem addToProfile = new javafx.scene.control.MenuItem(
        dev.sociscope.app.common.Messages.get("files.addToProfile"));
    addToProfile.setId("addToProfile");
    addToProfile.setOnAction(e -> viewModel.addToProfile(tree.getSelectionModel().getSelectedItems().stream()
        .filter(java.util.Objects::nonNull).map(TreeItem::getValue).toList()));
    tree.setContextMenu(new javafx.scene.control.ContextMenu(addToProfile));
    tree.setRowFactory(t -> {
      javafx.scene.control.TreeTableRow<FileNode> row = new javafx.scene.control.TreeTableRow<>();
      row.setOnMouseClicked(e -> {
        if (e.getClickCount() == 2 && !row.isEmpty() && !row.getItem().isDirectory()) {
          viewModel.preview(row.getItem());
        }
      });
      return row;
    });
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

  public TreeTableView<FileNode> tree() {
    return tree;
  }

  public ComboBox<String> viewBox() {
    return viewBox;
  }
}
