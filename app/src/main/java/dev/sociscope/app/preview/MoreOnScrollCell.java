package dev.sociscope.app.preview;

import javafx.application.Platform;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.ListCell;

/**
 * A line of a windowed preview ({@link WindowedPreview}): when the last line comes into view (the user scrolled to
 * the end, or pressed End) and the file has more bytes, it asks for the next window.
 */
public final class MoreOnScrollCell extends ListCell<String> {
  private final ObservableBooleanValue moreAvailable;
  private final Runnable loadMore;

  public MoreOnScrollCell(ObservableBooleanValue moreAvailable, Runnable loadMore) {
    this.moreAvailable = moreAvailable;
    this.loadMore = loadMore;
  }

  @Override
  protected void updateItem(String item, boolean empty) {
    super.updateItem(item, empty);
    setText(empty ? null : item);
    if (!empty && getIndex() >= getListView().getItems().size() - 1 && moreAvailable.get()) {
      Platform.runLater(loadMore); // not during layout: the new lines change the list being laid out
    }
  }
}
