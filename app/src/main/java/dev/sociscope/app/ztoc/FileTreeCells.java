package dev.sociscope.app.ztoc;

import dev.sociscope.app.model.FileNode;
import java.util.function.Function;
import javafx.scene.control.TreeTableCell;
import javafx.scene.layout.Region;

/** The cells of the file tree tables (the zTOC tree and the image's merged tree). */
final class FileTreeCells {
  private FileTreeCells() {}

  /** A text cell with an optional style class (e.g. {@code mono}, {@code size-cell}). */
  static final class TextCell<T> extends TreeTableCell<FileNode, T> {
    private final Function<T, String> format;

    TextCell(Function<T, String> format, String styleClass) {
      this.format = format;
      if (styleClass != null) {
        getStyleClass().add(styleClass);
      }
    }

    @Override
    protected void updateItem(T item, boolean empty) {
      super.updateItem(item, empty);
      setText(empty || item == null ? null : format.apply(item));
    }
  }

  /** The name with a small type icon drawn by CSS. */
  static final class NameCell extends TreeTableCell<FileNode, FileNode> {
    private final Region icon = new Region();

    NameCell() {
      icon.getStyleClass().add("file-icon");
    }

    @Override
    protected void updateItem(FileNode item, boolean empty) {
      super.updateItem(item, empty);
      if (empty || item == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      setText(item.name());
      icon.getStyleClass().setAll("file-icon", "file-icon-" + item.type().wireName());
      setGraphic(icon);
    }
  }
}
