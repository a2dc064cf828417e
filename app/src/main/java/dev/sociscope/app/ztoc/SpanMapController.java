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
  @FXML private Label prefetchSummary;
  @FXML private javafx.scene.Node prefetchLegend;
  @FXML private javafx.scene.Node profileLegend;

  public SpanMapController(SpanMapViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    spanMap.spansProperty().bind(viewModel.spansProperty());
    spanMap.highlightedProperty().bind(viewModel.highlightedProperty());
    spanMap.setTooltipText(viewModel::tooltipFor);
    spanMap.artifactProperty().bind(viewModel.artifactSpansProperty());
    spanMap.profileProperty().bind(viewModel.profileSpansProperty());
    prefetchSummary.textProperty().bind(viewModel.prefetchSummaryProperty());
    // The legend names the prefetch colours only when the map shows them.
    var artifact = javafx.beans.binding.Bindings.createBooleanBinding(
        () -> !viewModel.artifactSpansProperty().get().isEmpty(), viewModel.artifactSpansProperty());
    var profile = javafx.beans.binding.Bindings.createBooleanBinding(
        () -> !viewModel.profileSpansProperty().get().isEmpty(), viewModel.profileSpansProperty());
    prefetchLegend.visibleProperty().bind(artifact);
    prefetchLegend.managedProperty().bind(artifact);
    profileLegend.visibleProperty().bind(profile);
    profileLegend.managedProperty().bind(profile);
    spanSummary.textProperty().bind(viewModel.summaryProperty());
    selectionSummary.textProperty().bind(viewModel.selectionSummaryProperty());
    viewModel.selectionActiveProperty().addListener((o, a, b) -> selectionSummary.pseudoClassStateChanged(ACTIVE, b));
  }

  public SpanMapViewModel viewModel() {
    return viewModel;
  }

  public SpanMap spanMap() {
    return spanMap;
  }
}
