package dev.sociscope.app.sources;

import javafx.fxml.FXML;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The sources sidebar; a click (or Enter) opens an item. */
public final class SourcesController {
  private final SourcesViewModel viewModel;

  @FXML private ListView<SourceItem> list;

  public SourcesController(SourcesViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    list.setItems(viewModel.items());
    list.setCellFactory(l -> new SourceCell());
    list.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY) {
        viewModel.activate(list.getSelectionModel().getSelectedItem());
      }
    });
    list.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        viewModel.activate(list.getSelectionModel().getSelectedItem());
      } else if (e.getCode() == KeyCode.DELETE) {
        viewModel.remove(list.getSelectionModel().getSelectedItem());
      }
    });
  }

  /** Section headers are not selectable; items show a label over a muted detail line. */
  private final class SourceCell extends ListCell<SourceItem> {
    @Override
    protected void updateItem(SourceItem item, boolean empty) {
      super.updateItem(item, empty);
      getStyleClass().removeAll("source-section", "source-item", "source-hint");
      setContextMenu(null);
      setTooltip(null);
      if (empty || item == null) {
        setText(null);
        setGraphic(null);
        setDisable(false);
        return;
      }
      setText(null);
      switch (item.kind()) {
        case SECTION:
          getStyleClass().add("source-section");
          setGraphic(new Label(item.label().toUpperCase(java.util.Locale.ROOT)));
          setDisable(true);
          break;
        case HINT:
          getStyleClass().add("source-hint");
          Label hint = new Label(item.label());
          hint.setWrapText(true);
          hint.setMaxWidth(190);
          setGraphic(hint);
          setDisable(true);
          break;
        default:
          getStyleClass().add("source-item");
          setDisable(false);
          Label title = new Label(item.label());
          title.getStyleClass().add("source-title");
          Label detail = new Label(item.detail());
          detail.getStyleClass().add("source-detail");
          detail.setMaxWidth(180);
          title.setMaxWidth(180);
          detail.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
          if (item.kind() == SourceItem.Kind.RECENT_ZTOC) {
            setTooltip(new javafx.scene.control.Tooltip(item.target()));
          }
          Region icon = new Region();
          icon.getStyleClass().addAll("source-icon", "source-icon-" + item.kind().name().toLowerCase());
          VBox box = new VBox(1, title, detail);
          javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(8, icon, box);
          row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
          setGraphic(row);
          SourcesViewModel.forgetText(item).ifPresent(text -> {
            MenuItem forget = new MenuItem(text);
            forget.setOnAction(e -> viewModel.remove(item));
            setContextMenu(new ContextMenu(forget));
          });
          break;
      }
    }
  }
}
