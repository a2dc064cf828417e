package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.common.FxDialogService;
import java.nio.file.Files;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** An exception nobody caught ends in the error dialog, with the stack trace as expandable details. */
@ExtendWith(ApplicationExtension.class)
class UncaughtErrorGuiTest {
  private AppContext ctx;
  private Thread.UncaughtExceptionHandler previous;

  @Start
  void start(Stage stage) throws Exception {
    previous = Thread.getDefaultUncaughtExceptionHandler();
    ctx = GuiTestSupport.start(stage, GuiTestSupport.tempDirectory("sociscope-uncaught"));
    ctx.installUncaughtExceptionHandler();
  }

  @AfterEach
  void restore() {
    Thread.setDefaultUncaughtExceptionHandler(previous);
  }

  @Test
  void uncaughtExceptionOpensTheErrorDialog() {
    Thread t = new Thread(() -> {
      throw new IllegalStateException("boom in a worker");
    }, "failing-worker");
    t.start();
    waitUntil("dialog", () -> find(FxDialogService.ERROR_SUMMARY_ID) != null);
    assertThat(fx(() -> ((Label) find(FxDialogService.ERROR_SUMMARY_ID)).getText()))
        .isEqualTo("Something unexpected went wrong: boom in a worker");
    assertThat(fx(() -> ((TextArea) find(FxDialogService.ERROR_DETAILS_ID)).getText()))
        .contains("java.lang.IllegalStateException: boom in a worker");
    Platform.runLater(() -> find(FxDialogService.ERROR_SUMMARY_ID).getScene().getWindow().hide());
  }

  private static Node find(String id) {
    for (Window w : Window.getWindows()) {
      if (w.isShowing() && w.getScene() != null) {
        Node n = w.getScene().lookup("#" + id);
        if (n != null) {
          return n;
        }
        // The details area is inside the (collapsed) expandable content, which lookup does not reach.
        if (w.getScene().getRoot() instanceof javafx.scene.control.DialogPane) {
          Node content = ((javafx.scene.control.DialogPane) w.getScene().getRoot()).getExpandableContent();
          if (content != null && content.lookup("#" + id) != null) {
            return content.lookup("#" + id);
          }
        }
      }
    }
    return null;
  }
}
