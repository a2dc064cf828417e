package dev.sociscope.app.gui;

import dev.sociscope.app.ztoc.FileTreeController;
import dev.sociscope.app.ztoc.SpanMapController;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;

/** The zTOC views of an open document: header, file tree, details/preview tabs and span map. */
public final class DocumentController {
  private final MainViewModel viewModel;

  @FXML private Label documentTitle;
  @FXML private Label documentFacts;
  @FXML private Label layerLabel;
  @FXML private TabPane sideTabs;
  @FXML private FileTreeController fileTreeController;
  @FXML private SpanMapController spanMapController;

  public DocumentController(MainViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    documentTitle.textProperty().bind(viewModel.documentTitleBinding());
    documentFacts.textProperty().bind(viewModel.documentFactsBinding());
    layerLabel.textProperty().bind(viewModel.layerTextBinding());
  }

  @FXML
  void attachLayer() {
    viewModel.attachLayerWithDialog();
  }

  public FileTreeController fileTree() {
    return fileTreeController;
  }

  public SpanMapController spanMap() {
    return spanMapController;
  }

  public TabPane sideTabs() {
    return sideTabs;
  }
}
