package dev.sociscope.app.ztoc;

import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.app.common.Messages;
import dev.sociscope.core.format.ByteSize;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.util.Duration;

/** The file tree of a layer: a lazy TreeTableView with a name/glob filter. */
public final class FileTreeController {

  private final FileTreeViewModel viewModel;
  private final FileTreeItem.SortState sortState = new FileTreeItem.SortState();
  private final PauseTransition filterDelay = new PauseTransition(Duration.millis(200));

  @FXML private TextField filterField;
  @FXML private Label filterSummary;
  @FXML private Label treeSummary;
  @FXML private TreeTableView<FileNode> tree;
  @FXML private TreeTableColumn<FileNode, FileNode> nameColumn;
  @FXML private TreeTableColumn<FileNode, Long> sizeColumn;
  @FXML private TreeTableColumn<FileNode, String> modeColumn;
  @FXML private TreeTableColumn<FileNode, String> ownerColumn;
  @FXML private TreeTableColumn<FileNode, String> mtimeColumn;
  @FXML private TreeTableColumn<FileNode, String> typeColumn;
  @FXML private TreeTableColumn<FileNode, String> linkColumn;
  @FXML private TreeTableColumn<FileNode, String> spansColumn;

  public FileTreeController(FileTreeViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    tree.setShowRoot(false);
    tree.setFixedCellSize(26);
    tree.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    Label placeholder = new Label();
    placeholder.setId("treeState");
    placeholder.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> viewModel.statusProperty().get().text(), viewModel.statusProperty()));
    tree.setPlaceholder(placeholder);
    nameColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
    nameColumn.setCellFactory(c -> new FileTreeCells.NameCell());
    nameColumn.setComparator(Comparator.comparing(FileNode::name));
    sizeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue().size()));
    sizeColumn.setCellFactory(c -> new FileTreeCells.TextCell<>(ByteSize::human, "size-cell"));
    text(modeColumn, EntryText::mode);
    text(ownerColumn, EntryText::owner);
    text(mtimeColumn, EntryText::modTime);
    text(typeColumn, EntryText::type);
    text(linkColumn, EntryText::linkTarget);
    text(spansColumn, EntryText::spans);
    spansColumn.setComparator(Comparator.comparing(String::length).thenComparing(Comparator.naturalOrder()));
    modeColumn.setCellFactory(c -> new FileTreeCells.TextCell<>(Function.identity(), "mono"));
    spansColumn.setCellFactory(c -> new FileTreeCells.TextCell<>(Function.identity(), "mono"));
    tree.setSortPolicy(t -> {
      sortState.comparator = t.getComparator();
      TreeItem<FileNode> root = t.getRoot();
      if (root instanceof FileTreeItem) {
        ((FileTreeItem) root).resort();
      }
      return true;
    });

    filterField.textProperty().bindBidirectional(viewModel.filterTextProperty());
    filterDelay.setOnFinished(e -> viewModel.applyFilter());
    filterField.textProperty().addListener((o, a, b) -> filterDelay.playFromStart());
    filterField.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ESCAPE) {
        viewModel.clearFilter();
      } else if (e.getCode() == KeyCode.ENTER) {
        filterDelay.stop();
        viewModel.applyFilter();
      }
    });
    filterSummary.textProperty().bind(viewModel.filterSummaryProperty());
    treeSummary.textProperty().bind(viewModel.summaryProperty());

    viewModel.documentProperty().addListener((o, a, b) -> rebuild());
    viewModel.filterResultProperty().addListener((o, a, b) -> rebuild());
    tree.getSelectionModel().getSelectedItems().addListener((ListChangeListener<TreeItem<FileNode>>) c -> {
      List<FileNode> nodes = new ArrayList<>();
      for (TreeItem<FileNode> item : tree.getSelectionModel().getSelectedItems()) {
        if (item != null) {
          nodes.add(item.getValue());
        }
      }
      TreeItem<FileNode> focused = tree.getSelectionModel().getSelectedItem();
      viewModel.select(nodes, focused == null ? null : focused.getValue());
    });
    javafx.scene.control.MenuItem copy = new javafx.scene.control.MenuItem(Messages.get("tree.menu.copyPath"));
    copy.setOnAction(e -> {
      javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
      content.putString(viewModel.selectedPaths());
      javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
    });
    javafx.scene.control.MenuItem save = new javafx.scene.control.MenuItem(Messages.get("tree.menu.saveSelection"));
    save.setOnAction(e -> viewModel.saveSelectionWithDialog());
    tree.setContextMenu(new javafx.scene.control.ContextMenu(copy, save));
    rebuild();
  }

  /** Puts the keyboard focus into the filter field (Ctrl+F). */
  public void focusFilter() {
    filterField.requestFocus();
    filterField.selectAll();
  }

  public TreeTableView<FileNode> tree() {
    return tree;
  }

  private void rebuild() {
    ZtocDocument doc = viewModel.documentProperty().get();
    if (doc == null) {
      tree.setRoot(null);
      return;
    }
    NameFilter.Result result = viewModel.filterResultProperty().get();
    Set<FileNode> visible = result == null ? null : result.visible();
    FileTreeItem root = new FileTreeItem(doc.tree().root(), visible, sortState);
    root.setExpanded(true);
    tree.setRoot(root);
    if (result != null) {
      FileTreeTable.expandMatches(root, FileTreeTable.AUTO_EXPAND_MATCHES);
    } else {
      if (root.getChildren().size() == 1) {
        root.getChildren().get(0).setExpanded(true);
      }
    }
  }

  private static <T> void text(TreeTableColumn<FileNode, String> column, Function<FileNode, String> f) {
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(f.apply(c.getValue().getValue())));
  }
}
