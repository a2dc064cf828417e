package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.model.ActivityEntry;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The status bar shows a running task with its progress, and its Cancel button stops it. */
@ExtendWith(ApplicationExtension.class)
class TaskCancelGuiTest {
  private AppContext ctx;

  @Start
  void start(Stage stage) throws Exception {
    ctx = GuiTestSupport.start(stage, GuiTestSupport.tempDirectory("sociscope-cancel"));
  }

  @Test
  void cancelStopsTheRunningTask(FxRobot robot) {
    AtomicBoolean succeeded = new AtomicBoolean();
    AtomicBoolean sawCancel = new AtomicBoolean();
    fxRun(() -> ctx.tasks().run("Long work", p -> {
      for (long i = 0; ; i++) {
        p.update(i % 100, 100);
        p.message("step " + i);
        if (p.isCancelled()) {
          sawCancel.set(true);
          return null;
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          sawCancel.set(true); // cancel(true) interrupts the worker
          throw e;
        }
      }
    }, v -> succeeded.set(true), e -> { }));
    Button cancel = robot.lookup("#cancelButton").queryAs(Button.class);
    waitUntil("cancel button", cancel::isVisible);
    assertThat(robot.lookup("#taskProgress").queryAs(ProgressBar.class).isVisible()).isTrue();
    waitUntil("status text", () -> robot.lookup("#statusLabel").queryAs(Label.class).getText().startsWith("Long work"));
    robot.clickOn(cancel);
    waitUntil("cancelled", () -> !cancel.isVisible());
    ActivityEntry entry = fx(() -> ctx.activity().entries().get(ctx.activity().entries().size() - 1));
    assertThat(fx(() -> entry.statusProperty().get())).isEqualTo(ActivityEntry.Status.CANCELLED);
    assertThat(fx(() -> robot.lookup("#statusLabel").queryAs(Label.class).getText())).isEqualTo("Ready");
    waitUntil("worker noticed", sawCancel::get);
    assertThat(succeeded).isFalse();
  }
}
