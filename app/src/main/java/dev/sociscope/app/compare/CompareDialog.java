package dev.sociscope.app.compare;

import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.Styles;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import javafx.stage.Window;

/** A window showing one comparison: the summary line and the layer and file lines. */
public final class CompareDialog {
  private CompareDialog() {}

  public static Stage show(Window owner, CompareViewModel viewModel, java.util.List<String> stylesheets) {
    Label summary = new Label();
    summary.setWrapText(true);
    summary.textProperty().bind(viewModel.summaryProperty());
    ListView<String> list = new ListView<>(viewModel.lines());
    list.getStyleClass().add(Styles.MONO);
    list.setPlaceholder(new Label(Messages.get("compare.empty")));
    VBox.setVgrow(list, Priority.ALWAYS);
    VBox root = new VBox(8, summary, list);
    root.setPadding(new Insets(12));
    root.getStyleClass().add("compare-view");
    Scene scene = new Scene(root, 760, 420);
    scene.getStylesheets().setAll(stylesheets);
    Stage stage = new Stage();
    stage.initOwner(owner);
    stage.setTitle(Messages.get("compare.title"));
    stage.setScene(scene);
    stage.show();
    return stage;
  }
}
