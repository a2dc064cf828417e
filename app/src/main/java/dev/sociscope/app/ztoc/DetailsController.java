package dev.sociscope.app.ztoc;

import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.Styles;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyCodeCombination;

/** The details panel: property/value rows of the focused entry. */
public final class DetailsController {
  private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

  private final DetailsViewModel viewModel;

  @FXML private Label heading;
  @FXML private TableView<DetailRow> table;
  @FXML private TableColumn<DetailRow, String> nameColumn;
  @FXML private TableColumn<DetailRow, DetailRow> valueColumn;

  public DetailsController(DetailsViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    heading.textProperty().bind(viewModel.headingProperty());
    table.setItems(viewModel.rows());
    table.setFixedCellSize(26);
    table.setPlaceholder(new Label(Messages.get("details.empty")));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
    valueColumn.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
    valueColumn.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(DetailRow item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().remove(Styles.MONO);
        if (empty || item == null) {
          setText(null);
          setTooltip(null);
          return;
        }
        setText(item.value());
        setTooltip(item.value().length() > 40 ? new Tooltip(item.value()) : null);
        if (item.mono()) {
          getStyleClass().add(Styles.MONO);
        }
      }
    });
    table.setOnKeyPressed(e -> {
      if (COPY.match(e)) {
        StringBuilder sb = new StringBuilder();
        for (DetailRow r : table.getSelectionModel().getSelectedItems()) {
          sb.append(r.name()).append('\t').append(r.value()).append('\n');
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(sb.toString().strip());
        Clipboard.getSystemClipboard().setContent(content);
        e.consume();
      }
    });
  }
}
