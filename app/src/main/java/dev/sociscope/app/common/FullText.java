package dev.sociscope.app.common;

import javafx.beans.binding.Bindings;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.util.Callback;

/**
 * No hidden text: a label or table cell too narrow for its value elides it in the middle (digests and paths keep
 * their recognisable start and end), and its tooltip and "Copy" menu item hold the whole value. The one place that
 * says how the app shows long values.
 */
public final class FullText {
  private FullText() {}

  /**
   * Makes {@code label} elide in the middle, with the whole text in a tooltip (only while there is text) and a
   * "Copy" context menu. Works with a bound text property.
   */
  public static <T extends Labeled> T install(T label) {
    label.setTextOverrun(OverrunStyle.CENTER_WORD_ELLIPSIS);
    label.setMinWidth(0);
    Tooltip tip = new Tooltip();
    tip.textProperty().bind(label.textProperty());
    tip.setWrapText(true);
    tip.setMaxWidth(720);
    label.tooltipProperty().bind(Bindings.when(label.textProperty().isEmpty()).then((Tooltip) null).otherwise(tip));
    if (label instanceof Control) {
      MenuItem copy = new MenuItem(Messages.get("text.copy"));
      copy.setOnAction(e -> copy(label.getText()));
      ((Control) label).setContextMenu(new ContextMenu(copy));
    }
    return label;
  }

  /** Puts {@code text} on the clipboard. */
  public static void copy(String text) {
    ClipboardContent content = new ClipboardContent();
    content.putString(text == null ? "" : text);
    Clipboard.getSystemClipboard().setContent(content);
  }

  /** A table cell factory for text values: elided in the middle, whole value in a tooltip and "Copy". */
  public static <S> Callback<TableColumn<S, String>, TableCell<S, String>> cells() {
    return column -> new Cell<>();
  }

  /** A table cell for long text values (see {@link #cells()}). */
  public static final class Cell<S> extends TableCell<S, String> {
    private final Tooltip tip = new Tooltip();
    private final ContextMenu menu;

    public Cell() {
      setTextOverrun(OverrunStyle.CENTER_WORD_ELLIPSIS);
      tip.setWrapText(true);
      tip.setMaxWidth(720);
      MenuItem copy = new MenuItem(Messages.get("text.copy"));
      copy.setOnAction(e -> copy(getItem()));
      menu = new ContextMenu(copy);
    }

    @Override
    protected void updateItem(String item, boolean empty) {
      super.updateItem(item, empty);
      boolean blank = empty || item == null || item.isEmpty();
      setText(empty ? null : item);
      tip.setText(blank ? "" : item);
      setTooltip(blank ? null : tip);
      setContextMenu(blank ? null : menu);
    }
  }
}
