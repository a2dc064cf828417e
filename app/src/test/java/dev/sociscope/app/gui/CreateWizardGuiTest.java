package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.create.CreateIndexViewModel;
import dev.sociscope.app.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The wizard's window on the demo image, whose index was built with 1 MiB spans: the identical-index notice with
 * "Open it" and "Build anyway", Create disabled with its reason beside it, the destination, and the old result gone
 * when the options change.
 */
@ExtendWith(ApplicationExtension.class)
class CreateWizardGuiTest {
  private AppContext ctx;

  @Start
  void start(Stage stage) throws Exception {
    Path configDir = Files.createTempDirectory("sociscope-wizard-truth");
    ctx = new AppContext(stage, new SettingsStore(configDir), SociscopeApp.defaultServices(configDir));
    stage.setWidth(GuiTestSupport.WIDTH);
    stage.setHeight(GuiTestSupport.HEIGHT);
    ctx.show(true);
  }

  private static String text(Scene scene, String id) {
    return fx(() -> ((Label) scene.lookup(id)).getText());
  }

  @Test
  void theIdenticalIndexNoticeDisabledCreateAndItsReason(FxRobot robot) throws Exception {
    waitUntil("demo image", () -> ctx.registryViewModel().imageProperty().get() != null);
    CreateIndexViewModel wizard = GuiTestSupport.openWizard(robot, ctx);
    Scene scene = ctx.main().registry().createDialog().getScene();
    Button create = fx(() -> (Button) scene.lookup("#runButton"));
    Node notice = fx(() -> scene.lookup("#identicalPane"));

    fxRun(() -> wizard.spanMiBProperty().set(1));
    waitUntil("identical notice", () -> notice.isVisible());
    assertThat(text(scene, "#identicalText")).startsWith("An index with the same options already exists (sha256:");
    assertThat(fx(create::isDisabled)).isTrue();
    assertThat(text(scene, "#blockedReason")).isEqualTo("An identical index exists: open it, or choose Build"
        + " anyway.");
    assertThat(text(scene, "#destination")).startsWith("Create writes the index into the layout oci:")
        .endsWith(", next to the image.");

    robot.clickOn(fx(() -> scene.lookup("#openIdenticalButton")));
    waitUntil("opened", () -> wizard.stateProperty().get() == CreateIndexViewModel.State.DONE);
    assertThat(text(scene, "#status")).startsWith("Opened the existing index sha256:")
        .endsWith("nothing was downloaded or written.");

    // Another min layer size: nothing is indexed any more; the old result goes, Create says why it is off.
    fxRun(() -> wizard.minLayerMiBProperty().set(1000));
    waitUntil("new plan", () -> !wizard.plan().isEmpty() && wizard.plan().stream().noneMatch(r -> r.indexed()));
    assertThat(text(scene, "#status")).isEmpty();
    assertThat(fx(notice::isVisible)).isFalse();
    assertThat(fx(create::isDisabled)).isTrue();
    assertThat(text(scene, "#blockedReason")).startsWith("Nothing would be indexed: none of the 3 layer(s)");

    fxRun(() -> wizard.minLayerMiBProperty().set(10));
    waitUntil("identical again", () -> notice.isVisible());
    robot.clickOn(fx(() -> scene.lookup("#buildAnywayButton")));
    waitUntil("create enabled", () -> !create.isDisabled());
    assertThat(text(scene, "#blockedReason")).isEmpty();
  }
}
