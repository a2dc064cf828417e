package dev.sociscope.app.ztoc;

import dev.sociscope.app.model.FileTree;
import dev.sociscope.app.model.FileNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/**
 * A tree item that creates its children only when first asked (expanded or measured), so a 100k-entry layer costs
 * nothing until the user opens folders. Children can be limited to a filter's visible set.
 */
final class FileTreeItem extends TreeItem<FileNode> {
  private final Set<FileNode> visible;
  private final SortState sort;
  private boolean loaded;

  /** The comparator the table's columns asked for, shared by all items of one tree. */
  static final class SortState {
    Comparator<TreeItem<FileNode>> comparator;
  }

  FileTreeItem(FileNode node, Set<FileNode> visible, SortState sort) {
    super(node);
    this.visible = visible;
    this.sort = sort;
  }

  @Override
  public boolean isLeaf() {
    FileNode node = getValue();
    if (!node.isDirectory() || node.children().isEmpty()) {
      return true;
    }
    if (visible == null) {
      return false;
    }
    for (FileNode c : node.children()) {
      if (visible.contains(c)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public ObservableList<TreeItem<FileNode>> getChildren() {
    if (!loaded) {
      loaded = true;
      List<TreeItem<FileNode>> items = new ArrayList<>();
      for (FileNode c : getValue().children()) {
        if (visible == null || visible.contains(c)) {
          items.add(new FileTreeItem(c, visible, sort));
        }
      }
      if (sort.comparator != null) {
        items.sort(sort.comparator);
      }
      super.getChildren().setAll(items);
    }
    return super.getChildren();
  }

  boolean isLoaded() {
    return loaded;
  }

  /** Re-sorts the children already created, depth first; unloaded ones sort when they load. Iterative (deep trees). */
  void resort() {
    java.util.ArrayDeque<FileTreeItem> stack = new java.util.ArrayDeque<>();
    stack.push(this);
    while (!stack.isEmpty()) {
      FileTreeItem item = stack.pop();
      if (!item.loaded) {
        continue;
      }
      ObservableList<TreeItem<FileNode>> children = item.superChildren();
      List<TreeItem<FileNode>> copy = new ArrayList<>(children);
      copy.sort(sort.comparator != null ? sort.comparator
          : Comparator.comparing(TreeItem::getValue, FileTree.NATURAL_ORDER));
      children.setAll(copy);
      for (TreeItem<FileNode> c : children) {
        stack.push((FileTreeItem) c);
      }
    }
  }

  private ObservableList<TreeItem<FileNode>> superChildren() {
    return super.getChildren();
  }
}
