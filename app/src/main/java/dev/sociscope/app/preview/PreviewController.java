package dev.sociscope.app.preview;

import dev.sociscope.app.preview.PreviewViewModel.State;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The preview panel: virtualized lines for text and hex (more are read when the user scrolls to the end), an image
 * view, and "Save as".
 */
public final class PreviewController {
  private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

  private final PreviewViewModel viewModel;

  @FXML private Label info;
  @FXML private Label fetched;
  @FXML private Button saveButton;
  @FXML private ListView<String> lines;
  @FXML private ScrollPane imagePane;
  @FXML private ImageView imageView;
  @FXML private Label message;
  @FXML private ProgressIndicator spinner;

  public PreviewController(PreviewViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    dev.sociscope.app.common.FullText.install(info).textProperty().bind(viewModel.infoProperty());
    fetched.textProperty().bind(viewModel.fetchedProperty());
    message.textProperty().bind(viewModel.messageProperty());
    saveButton.disableProperty().bind(viewModel.canSaveProperty().not());
    lines.setItems(viewModel.lines());
    lines.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    lines.setFixedCellSize(20);
    lines.setCellFactory(l -> new MoreOnScrollCell(viewModel.moreAvailableProperty(), viewModel::loadMore));
    imageView.imageProperty().bind(Bindings.createObjectBinding(
        () -> viewModel.imageProperty().get() instanceof Image ? (Image) viewModel.imageProperty().get() : null,
        viewModel.imageProperty()));
    viewModel.stateProperty().addListener((o, a, b) -> showState(b));
    showState(viewModel.stateProperty().get());
    lines.setOnKeyPressed(e -> {
      if (COPY.match(e)) {
        ClipboardContent c = new ClipboardContent();
        c.putString(String.join("\n", lines.getSelectionModel().getSelectedItems()));
        Clipboard.getSystemClipboard().setContent(c);
        e.consume();
      }
    });
  }

  private void showState(State s) {
    boolean text = s == State.TEXT || s == State.HEX;
    lines.setVisible(text);
    lines.getStyleClass().remove("hex");
    if (s == State.HEX) {
      lines.getStyleClass().add("hex");
    }
    imagePane.setVisible(s == State.IMAGE);
    spinner.setVisible(s == State.LOADING);
    message.setVisible(!text && s != State.IMAGE);
    message.getStyleClass().remove("error-text");
    if (s == State.FAILED) {
      message.getStyleClass().add("error-text");
    }
    if (text) {
      lines.scrollTo(0);
    }
  }

  @FXML
  private void saveAs() {
    viewModel.saveAs();
  }
}
