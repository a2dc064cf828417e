package dev.sociscope.app.gui;

import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.app.settings.SettingsStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real app on a TestFX stage with a throw-away config folder, and small helpers for waiting. */
public final class GuiTestSupport {
  public static final int WIDTH = 1280;
  public static final int HEIGHT = 800;

  private GuiTestSupport() {}

  /** An anonymous connection to a test registry over plain HTTP, named as the screenshots show it. */
  public static RegistryConnection anonymousConnection(String url) {
    return new RegistryConnection(new SavedRegistry("local test registry", url, SavedRegistry.AuthMode.ANONYMOUS,
        "", true), "");
  }

  private static final java.util.List<Path> TEMP_DIRS = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      synchronized (TEMP_DIRS) {
        TEMP_DIRS.forEach(GuiTestSupport::deleteTree);
      }
    }, "gui-test-temp-cleanup"));
  }

  /**
   * A throw-away folder (config, demo image, layouts) removed with everything in it when the test JVM ends: a GUI
   * test's stage and tasks may still hold it after the test method returns, so JUnit's {@code @TempDir} is too early.
   */
  public static Path tempDirectory(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      TEMP_DIRS.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort at exit
    }
  }

  public static AppContext start(Stage stage, Path configDir) {
    AppContext ctx = new AppContext(stage, new SettingsStore(configDir), SociscopeApp.defaultServices(configDir));
    stage.setWidth(WIDTH);
    stage.setHeight(HEIGHT);
    ctx.show(false);
    return ctx;
  }

  /** Runs {@code call} on the FX thread and returns its result. */
  public static <T> T fx(Callable<T> call) {
    try {
      return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static void fxRun(Runnable r) {
    fx(() -> {
      r.run();
      return null;
    });
  }

  /** Waits (polling on the FX thread) until {@code condition} holds. */
  public static void waitUntil(String what, BooleanSupplier condition) {
    try {
      WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(condition::getAsBoolean));
    } catch (TimeoutException e) {
      throw new AssertionError("timed out waiting for " + what, e);
    }
    WaitForAsyncUtils.waitForFxEvents();
  }

  /**
   * Clicks "Create index…" and waits until a new wizard's window shows (the view model is made on the click, the
   * window a moment later); returns the wizard's view model.
   */
  public static dev.sociscope.app.create.CreateIndexViewModel openWizard(org.testfx.api.FxRobot robot,
      AppContext ctx) {
    dev.sociscope.app.create.CreateIndexViewModel before = fx(() -> ctx.registryViewModel().lastWizardProperty()
        .get());
    robot.clickOn("Create index\u2026");
    waitUntil("wizard", () -> ctx.main().registry().createDialog() != null
        && ctx.main().registry().createDialog().isShowing()
        && ctx.registryViewModel().lastWizardProperty().get() != before);
    return fx(() -> ctx.registryViewModel().lastWizardProperty().get());
  }

  /** Renders the scene and writes it to {@code ../screenshots/<name>.png} (the repo root's folder). */
  public static Path screenshot(Scene scene, String name) {
    WaitForAsyncUtils.waitForFxEvents();
    WritableImage image = fx(() -> {
      // a focused field's caret blinks: whether a shot caught it on or off would differ from run to run; and
      // whether a field's text shows selected depends on how focus reached it (traversal selects all), which
      // timing decides: no shot shows a selection
      for (javafx.scene.Node n : scene.getRoot().lookupAll(".text-input")) {
        if (n instanceof javafx.scene.control.TextInputControl input) {
          input.deselect();
        }
        String style = n.getStyle() == null ? "" : n.getStyle();
        if (!style.contains("-fx-display-caret")) {
          n.setStyle(style + (style.isEmpty() || style.endsWith(";") ? "" : ";") + "-fx-display-caret: false;");
        }
      }
      scene.getRoot().applyCss();
      scene.getRoot().layout();
      return scene.snapshot(null);
    });
    BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
    Path dir = Path.of("..", "screenshots");
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".png");
      ImageIO.write(buffered, "png", file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
