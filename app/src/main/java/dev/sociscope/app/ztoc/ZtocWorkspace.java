package dev.sociscope.app.ztoc;

import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ZtocDocument;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** What the zTOC views share: the open document and the files selected in the tree. FX thread only. */
public final class ZtocWorkspace {
  private final ObjectProperty<ZtocDocument> document = new SimpleObjectProperty<>(this, "document");
  private final ObservableList<FileNode> selection = FXCollections.observableArrayList();
  private final ObjectProperty<FileNode> focused = new SimpleObjectProperty<>(this, "focused");
  private final ObjectProperty<SpanMapMarks> marks = new SimpleObjectProperty<>(this, "marks", SpanMapMarks.NONE);

  public ZtocWorkspace() {
    document.addListener((o, old, now) -> {
      selection.clear();
      focused.set(null);
      marks.set(SpanMapMarks.NONE); // set again by whoever opened the layer, after the document
    });
  }

  /** Prefetch spans of the open layer for the span map (artifact and profile); none for a zTOC file. */
  public ObjectProperty<SpanMapMarks> marksProperty() {
    return marks;
  }

  public ObjectProperty<ZtocDocument> documentProperty() {
    return document;
  }

  public ZtocDocument document() {
    return document.get();
  }

  /** The files and folders selected in the tree. */
  public ObservableList<FileNode> selection() {
    return selection;
  }

  /** The one entry the details and preview panels show (the tree's focused row). */
  public ObjectProperty<FileNode> focusedProperty() {
    return focused;
  }
}
