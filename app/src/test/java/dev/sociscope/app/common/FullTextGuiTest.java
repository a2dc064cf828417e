package dev.sociscope.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A value too long for its place is elided in the middle, and its tooltip and "Copy" hold the whole of it. */
@ExtendWith(ApplicationExtension.class)
class FullTextGuiTest {
  static final String DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private Label label;
  private TableView<String> table;

  @Start
  void start(Stage stage) {
    label = FullText.install(new Label(DIGEST));
    table = new TableView<>();
    TableColumn<String, String> column = new TableColumn<>("SOCI");
    column.setPrefWidth(120);
    column.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(c.getValue()));
    column.setCellFactory(FullText.cells());
    table.getColumns().add(column);
    table.getItems().add("indexed (1.0 MiB spans), 305 spans, zTOC sha256:abcdef0123456789");
    VBox box = new VBox(label, table);
    box.setMaxWidth(200);
    stage.setScene(new Scene(box, 200, 200));
    // the primary stage is shared with earlier GUI tests, which may have sized it to 1600x1000
    stage.setWidth(200);
    stage.setHeight(200);
    stage.show();
  }

  private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
  }

  @Test
  void elidedInTheMiddleWithTheWholeValueInTooltipAndCopy() throws Exception {
    String dots = label.getEllipsisString();
    // the label is elided on the layout pulse after the stage shows; wait for it rather than for one event round
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
        () -> fx(() -> label.lookup(".text") instanceof Text t && t.getText().contains(dots)));
    String shown = fx(() -> ((Text) label.lookup(".text")).getText());
    assertThat(shown).contains(dots).startsWith("sha256:").isNotEqualTo(DIGEST);
    assertThat(DIGEST).endsWith(shown.substring(shown.indexOf(dots) + dots.length()));
    assertThat(fx(() -> label.getTooltip().getText())).isEqualTo(DIGEST);
    fx(() -> {
      label.getContextMenu().getItems().get(0).fire();
      return null;
    });
    assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(DIGEST);

    FullText.Cell<?> cell = fx(() -> (FullText.Cell<?>) table.lookupAll(".table-cell").stream()
        .filter(n -> n instanceof FullText.Cell && ((FullText.Cell<?>) n).getItem() != null).findFirst()
        .orElseThrow());
    String value = table.getItems().get(0);
    assertThat(fx(() -> cell.getTooltip().getText())).isEqualTo(value);
    fx(() -> {
      cell.getContextMenu().getItems().get(0).fire();
      return null;
    });
    assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(value);

    // An empty label has no tooltip to show.
    fx(() -> {
      label.setText("");
      return null;
    });
    assertThat(fx(() -> label.getTooltip())).isNull();
  }
}
