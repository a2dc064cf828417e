package dev.sociscope.app.ztoc;

import dev.sociscope.app.model.FileTree;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.common.Messages;
import dev.sociscope.core.format.ByteSize;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;

/**
 * The zTOC tree's columns (name, size, mode, owner, mtime, type, link, spans) built in code for other views that show
 * {@link FileTree}s, such as an image's merged file system; optionally with the layer each entry comes from.
 */
public final class FileTreeTable {
  private final TreeTableView<FileNode> table;
  private final FileTreeItem.SortState sortState = new FileTreeItem.SortState();
  /** Set when a view model decides the placeholder's words ({@link #bindPlaceholder}). */
  private boolean placeholderBound;

  public FileTreeTable(TreeTableView<FileNode> table, boolean layerColumn) {
    this.table = table;
    table.setShowRoot(false);
    table.setFixedCellSize(26);
    table.setTableMenuButtonVisible(true);
    table.setPlaceholder(new Label(Messages.get("tree.empty")));
    TreeTableColumn<FileNode, FileNode> name = new TreeTableColumn<>(Messages.get("tree.column.name"));
    name.setPrefWidth(260);
    name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
    name.setCellFactory(c -> new FileTreeCells.NameCell());
    name.setComparator(Comparator.comparing(FileNode::name));
    TreeTableColumn<FileNode, Long> size = new TreeTableColumn<>(Messages.get("tree.column.size"));
    size.setPrefWidth(84); // not 80, the default width that JavaFX auto-sizes to content (run-dependent)
    size.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue().size()));
    size.setCellFactory(c -> new FileTreeCells.TextCell<>(ByteSize::human, "size-cell"));
    table.getColumns().add(name);
    table.getColumns().add(size);
    table.getColumns().add(text("tree.column.mode", 96, EntryText::mode, "mono"));
    table.getColumns().add(text("tree.column.owner", 100, EntryText::owner, null));
    table.getColumns().add(text("tree.column.mtime", 150, EntryText::modTime, null));
    table.getColumns().add(text("tree.column.type", 64, EntryText::type, null));
    table.getColumns().add(text("tree.column.link", 110, EntryText::linkTarget, null));
    TreeTableColumn<FileNode, String> spans = text("tree.column.spans", 64, EntryText::spans, "mono");
    spans.setComparator(Comparator.comparing(String::length).thenComparing(Comparator.naturalOrder()));
    table.getColumns().add(spans);
    if (layerColumn) {
      table.getColumns().add(text("tree.column.layer", 56,
          n -> n.layer() < 0 ? "" : Integer.toString(n.layer()), "mono"));
    }
    table.setSortPolicy(t -> {
      sortState.comparator = t.getComparator();
      TreeItem<FileNode> root = t.getRoot();
      if (root instanceof FileTreeItem) {
        ((FileTreeItem) root).resort();
      }
      return true;
    });
  }

  /** The placeholder says {@code text} (a view model's {@link TreeState}) instead of this table's guess. */
  public void bindPlaceholder(javafx.beans.value.ObservableValue<String> text) {
    Label label = new Label();
    label.setId("treeState");
    label.setWrapText(true);
    label.textProperty().bind(text);
    table.setPlaceholder(label);
    placeholderBound = true;
  }

  /**
   * Selects {@code node} and scrolls to it, opening the folders on its way; false when it is not in the shown tree
   * (gone, or hidden by the filter).
   */
  public boolean select(FileNode node) {
    TreeItem<FileNode> root = table.getRoot();
    if (node == null || root == null) {
      return false;
    }
    java.util.ArrayDeque<FileNode> chain = new java.util.ArrayDeque<>();
    for (FileNode n = node; n != null && n != root.getValue(); n = n.parent()) {
      chain.push(n);
    }
    TreeItem<FileNode> item = root;
    while (!chain.isEmpty()) {
      FileNode next = chain.pop();
      item.setExpanded(true);
      item = item.getChildren().stream().filter(c -> c.getValue() == next).findFirst().orElse(null);
      if (item == null) {
        return false;
      }
    }
    table.getSelectionModel().clearSelection();
    table.getSelectionModel().select(item);
    int row = table.getRow(item);
    if (row >= 0) {
      table.scrollTo(Math.max(0, row - 3)); // a few rows of context above it
    }
    return true;
  }

  /** Shows {@code tree} (children created lazily), or nothing. */
  public void show(FileTree tree) {
    show(tree, null);
  }

  /**
   * Shows {@code tree} limited to a filter's {@code visible} nodes (null: all). Items are created lazily, so this
   * costs the root and the folders opened on the way to the first matches, whatever the tree's size.
   */
  public void show(FileTree tree, Set<FileNode> visible) {
    if (tree == null) {
      table.setRoot(null);
      if (!placeholderBound) {
        table.setPlaceholder(new Label(Messages.get("tree.empty")));
      }
      return;
    }
    FileTreeItem root = new FileTreeItem(tree.root(), visible, sortState);
    root.setExpanded(true);
    table.setRoot(root);
    if (visible != null) {
      expandMatches(root, AUTO_EXPAND_MATCHES);
      if (!placeholderBound) {
        table.setPlaceholder(new Label(Messages.get("tree.filter.none")));
      }
    } else {
      if (!placeholderBound) {
        table.setPlaceholder(new Label(Messages.get("tree.empty")));
      }
      if (root.getChildren().size() == 1) {
        root.getChildren().get(0).setExpanded(true);
      }
    }
  }

  /** Folders opened on the way to the first matches, so the user sees results without clicking. */
  static final int AUTO_EXPAND_MATCHES = 200;

  /**
   * Opens folders depth first, in display order, until {@code budget} items were visited. Iterative, so a match
   * thousands of folders deep cannot overflow the stack.
   */
  static void expandMatches(TreeItem<FileNode> root, int budget) {
    java.util.ArrayDeque<TreeItem<FileNode>> stack = new java.util.ArrayDeque<>();
    List<TreeItem<FileNode>> first = root.getChildren();
    for (int i = first.size() - 1; i >= 0; i--) {
      stack.push(first.get(i));
    }
    int left = budget;
    while (!stack.isEmpty() && left-- > 0) {
      TreeItem<FileNode> item = stack.pop();
      if (!item.isLeaf()) {
        item.setExpanded(true);
        List<TreeItem<FileNode>> children = item.getChildren();
        for (int i = children.size() - 1; i >= 0; i--) {
          stack.push(children.get(i));
        }
      }
    }
  }

  private static TreeTableColumn<FileNode, String> text(String key, double width, Function<FileNode, String> f,
      String styleClass) {
    TreeTableColumn<FileNode, String> column = new TreeTableColumn<>(Messages.get(key));
    column.setPrefWidth(width);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(f.apply(c.getValue().getValue())));
    column.setCellFactory(c -> new FileTreeCells.TextCell<>(Function.identity(), styleClass));
    return column;
  }
}
