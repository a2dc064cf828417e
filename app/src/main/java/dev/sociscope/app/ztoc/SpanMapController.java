package dev.sociscope.app.ztoc;

import javafx.fxml.FXML;
import javafx.scene.control.Label;

/** Hosts the span map and its summary line. */
public final class SpanMapController {
  private static final javafx.css.PseudoClass ACTIVE = javafx.css.PseudoClass.getPseudoClass("active");

  private final SpanMapViewModel viewModel;

  @FXML private SpanMap spanMap;
  @FXML private Label spanSummary;
  @FXML private Label selectionSummary;

  public SpanMapController(SpanMapViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    spanMap.spansProperty().bind(viewModel.spansProperty());
    spanMap.highlightedProperty().bind(viewModel.highlightedProperty());
    spanMap.setTooltipText(viewModel::tooltipFor);
    spanSummary.textProperty().bind(viewModel.summaryProperty());
    selectionSummary.textProperty().bind(viewModel.selectionSummaryProperty());
    viewModel.selectionActiveProperty().addListener((o, a, b) -> selectionSummary.pseudoClassStateChanged(ACTIVE, b));
  }

  public SpanMap spanMap() {
    return spanMap;
  }
}
