package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.common.FxDialogService;
import dev.sociscope.app.common.Theme;
import dev.sociscope.app.preview.PreviewViewModel;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.core.testing.Vectors;
import java.awt.image.BufferedImage;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.model.CreateIndexRequest;
import dev.sociscope.app.model.CreateIndexResult;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.service.RegistryService;
import dev.sociscope.app.settings.SettingsStore;
import dev.sociscope.core.oci.Descriptor;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Renders the main views at 1280x800 into the repository's screenshots/ folder (README figures, and a look before
 * merging). Each PNG is checked to be a real rendering: the right size and many distinct colours.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {
  private AppContext ctx;

  /** Screenshots show a fixed time in the activity panel, so re-running the test leaves the PNGs unchanged. */
  static final Clock FIXED_CLOCK = Clock.fixed(Instant.parse("2026-01-15T10:30:00Z"), ZoneOffset.UTC);
  /** Inputs are copied here so paths shown in the sidebar are the same in every checkout. */
  static final Path INPUTS = Path.of(System.getProperty("java.io.tmpdir"), "sociscope-screenshots");

  private final CountDownLatch releaseBuild = new CountDownLatch(1);

  @Start
  void start(Stage stage) throws Exception {
    // A fixed folder, emptied for each test: its path shows in the address field and the wizard's destination line.
    Path configDir = INPUTS.resolve("app-home");
    org.apache.commons.io.FileUtils.deleteDirectory(configDir.toFile());
    Files.createDirectories(configDir);
    AppContext.Services real = SociscopeApp.defaultServices(configDir);
    AppContext.Services services = new AppContext.Services(real.ztocs(), real.contents(),
        activity -> new PausedBuilds(real.registries().apply(activity), releaseBuild));
    ctx = new AppContext(stage, new SettingsStore(configDir), new SettingsStore(configDir).load(), services,
        FIXED_CLOCK);
    stage.setWidth(GuiTestSupport.WIDTH);
    stage.setHeight(GuiTestSupport.HEIGHT);
    ctx.show(false);
  }

  /**
   * The real registry service, except that an index build reports a fixed point of progress and waits to be
   * cancelled: a running wizard looks the same in every screenshot. (CreateIndexGuiIT runs real builds.)
   */
  private static final class PausedBuilds implements RegistryService {
    @Override
    public dev.sociscope.core.profile.StartupProfile profile(RegistryConnection c, String repository,
        String reference, String platform, List<String> paths, Progress p) throws Exception {
      return real.profile(c, repository, reference, platform, paths, p);
    }

    @Override
    public dev.sociscope.core.profile.WhatIf whatIf(RegistryConnection c, String repository, String reference,
        String platform, List<String> paths, Progress p) throws Exception {
      return real.whatIf(c, repository, reference, platform, paths, p);
    }

    @Override
    public List<int[]> prefetchSpans(RegistryConnection c, String repository, ImageDetails image,
        ImageDetails.Layer layer, Progress p) throws Exception {
      return real.prefetchSpans(c, repository, image, layer, p);
    }

    @Override
    public dev.sociscope.core.diff.IndexDiff diff(RegistryConnection c, String repository, String a, String b,
        Progress p) throws Exception {
      return real.diff(c, repository, a, b, p);
    }

    @Override
    public dev.sociscope.core.workflow.ConvertPreview previewConversion(RegistryConnection c,
        dev.sociscope.app.model.CreateIndexRequest request, Progress p) throws Exception {
      return real.previewConversion(c, request, p);
    }

    @Override
    public dev.sociscope.core.health.HealthReport check(RegistryConnection c, String repository, String reference,
        String platform, int spotChecks, Progress p) throws Exception {
      return real.check(c, repository, reference, platform, spotChecks, p);
    }

    @Override
    public dev.sociscope.core.workflow.IndexPlan plan(RegistryConnection c, String repository, String tag,
        boolean all, String platform, dev.sociscope.core.soci.SociIndexOptions options, Progress p) throws Exception {
      return real.plan(c, repository, tag, all, platform, options, p);
    }

    private final RegistryService real;
    private final CountDownLatch release;

    PausedBuilds(RegistryService real, CountDownLatch release) {
      this.real = real;
      this.release = release;
    }

    @Override
    public void connect(RegistryConnection c, Progress p) throws Exception {
      real.connect(c, p);
    }

    @Override
    public List<String> repositories(RegistryConnection c, Progress p) throws Exception {
      return real.repositories(c, p);
    }

    @Override
    public List<String> tags(RegistryConnection c, String repository, Progress p) throws Exception {
      return real.tags(c, repository, p);
    }

    @Override
    public ImageDetails image(RegistryConnection c, String repository, String reference, String platform,
        Progress p) throws Exception {
      return real.image(c, repository, reference, platform, p);
    }

    @Override
    public dev.sociscope.app.model.ZtocDocument openZtoc(RegistryConnection c, String repository,
        ImageDetails.Layer layer, Progress p) throws Exception {
      return real.openZtoc(c, repository, layer, p);
    }

    @Override
    public dev.sociscope.core.files.ImageFiles files(RegistryConnection c, String repository, ImageDetails image,
        Progress p) throws Exception {
      return real.files(c, repository, image, p);
    }

    @Override
    public CreateIndexResult createIndex(RegistryConnection c, CreateIndexRequest request, Progress p)
        throws Exception {
      long total = 13_000_000L;
      Descriptor layer = Descriptor.of(dev.sociscope.core.oci.MediaType.OCI_LAYER_GZIP,
          dev.sociscope.core.oci.Digest.parse(DEMO_DATA_LAYER[0]), total);
      request.listener().layerStarted(layer, total);
      request.listener().layerProgress(layer, 5_000_000L, total);
      p.update(5, 13);
      p.message("building layer 1");
      while (!p.isCancelled() && !release.await(50, TimeUnit.MILLISECONDS)) {
        // wait for Cancel
      }
      throw new java.util.concurrent.CancellationException();
    }
  }

  /** The digest of the demo image's indexed layer, set once the demo is shown. */
  static final String[] DEMO_DATA_LAYER = {""};

  @Test
  void rendersEachMainView(FxRobot robot) throws Exception {
    shot(ctx.scene(), "welcome");

    Files.createDirectories(INPUTS);
    Path ztocCopy = INPUTS.resolve("pax.tar.gz.span-64KiB.ztoc");
    Path layerCopy = INPUTS.resolve("pax.tar.gz");
    Files.copy(Vectors.path("ztoc/pax.tar.gz.span-64KiB.ztoc"), ztocCopy, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(Vectors.path("layers/pax.tar.gz"), layerCopy, StandardCopyOption.REPLACE_EXISTING);
    fxRun(() -> ctx.opener().open(ztocCopy, Optional.of(layerCopy)));
    waitUntil("document", () -> ctx.workspace().document() != null);
    TreeTableView<FileNode> tree = ctx.main().fileTree().tree();
    select(tree, "big", "compressible.txt");
    robot.moveTo(fx(() -> ctx.main().spanMap().spanMap().localToScreen(ctx.main().spanMap().spanMap().centreOf(55))));
    waitUntil("hover", () -> ctx.main().spanMap().spanMap().hoveredProperty().get() == 55);
    shot(ctx.scene(), "ztoc-tree-spans");

    fxRun(() -> ctx.main().sideTabs().getSelectionModel().select(1));
    waitUntil("text", () -> ctx.previewViewModel().stateProperty().get() == PreviewViewModel.State.TEXT);
    shot(ctx.scene(), "preview-text");

    select(tree, "big", "random.bin");
    waitUntil("hex", () -> ctx.previewViewModel().stateProperty().get() == PreviewViewModel.State.HEX);
    shot(ctx.scene(), "preview-hex");

    fxRun(() -> ctx.main().sideTabs().getSelectionModel().select(0));
    select(tree, "xattr", "binary-xattr");
    fxRun(() -> ctx.main().fileTree().tree().getRoot().getChildren().forEach(i -> i.setExpanded(false)));
    select(tree, "xattr", "binary-xattr");
    shot(ctx.scene(), "details-pax-xattrs");

    // Only what follows shows in the activity panel: earlier reads may have been cancelled part-way by the next
    // selection, so their byte counts differ from run to run.
    WaitForAsyncUtils.waitForFxEvents();
    waitUntil("reads finished", () -> ctx.tasks().currentProperty().get() == null);
    fxRun(() -> ctx.activity().entries().clear());
    fxRun(() -> {
      ctx.treeViewModel().filterTextProperty().set("*.txt");
      ctx.treeViewModel().applyFilter();
    });
    waitUntil("filter", () -> ctx.treeViewModel().filterResultProperty().get() != null);
    // Past the field's 200 ms debounce, which fires for the same text: the filter still ran (and shows) once.
    WaitForAsyncUtils.sleep(400, java.util.concurrent.TimeUnit.MILLISECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> ctx.activity().entries().stream().map(e -> e.title()).toList()))
        .containsExactly("Filtering for \u201c*.txt\u201d");
    fxRun(() -> ctx.mainViewModel().themeProperty().set(Theme.DARK));
    fxRun(() -> ctx.main().activityToggle().setSelected(true));
    shot(ctx.scene(), "dark-filter-activity");
    fxRun(() -> {
      ctx.main().activityToggle().setSelected(false);
      ctx.mainViewModel().themeProperty().set(Theme.LIGHT);
      ctx.treeViewModel().clearFilter();
    });

    Path corrupt = INPUTS.resolve("corrupt.ztoc");
    Files.write(corrupt, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    fxRun(() -> ctx.opener().open(corrupt, Optional.empty()));
    waitUntil("error dialog", () -> errorWindow() != null);
    Window dialog = errorWindow();
    shot(dialog.getScene(), "error-dialog");
    fxRun(dialog::hide);

    // The connection dialog blocks in showAndWait, so it is opened with runLater and closed by its Cancel button.
    javafx.application.Platform.runLater(() -> ctx.registryViewModel().addRegistry());
    waitUntil("connect dialog", () -> windowWith("#urlField") != null);
    Window connect = windowWith("#urlField");
    fxRun(() -> {
      ((javafx.scene.control.TextField) connect.getScene().lookup("#urlField")).setText("http://127.0.0.1:5000");
      ((javafx.scene.control.CheckBox) connect.getScene().lookup("#plainHttpBox")).setSelected(true);
      ((javafx.scene.control.RadioButton) connect.getScene().lookup("#passwordRadio")).setSelected(true);
      ((javafx.scene.control.TextField) connect.getScene().lookup("#usernameField")).setText("alice");
    });
    shot(connect.getScene(), "connect-dialog");
    fxRun(() -> ((javafx.scene.control.DialogPane) connect.getScene().getRoot())
        .lookupButton(javafx.scene.control.ButtonType.CANCEL).fireEvent(new javafx.event.ActionEvent()));
    waitUntil("connect dialog closed", () -> windowWith("#urlField") == null);

    demoImageViews(robot);
  }

  /**
   * The address field (Ctrl+L) with its completion open over the demo image opened by reference: the popup is a
   * window of its own, so it is drawn onto the main window's rendering where it shows on screen.
   */
  @Test
  void rendersTheAddressFieldWithCompletion(FxRobot robot) throws Exception {
    Path demo = INPUTS.resolve("demo-image");
    if (!Files.isRegularFile(demo.resolve("index.json"))) {
      dev.sociscope.core.workflow.DemoImage.write(demo);
    }
    fxRun(() -> ctx.settings().update(s -> s.withRegistries(List.of(
        new dev.sociscope.app.settings.SavedRegistry("GitHub", "https://ghcr.io",
            dev.sociscope.app.settings.SavedRegistry.AuthMode.DOCKER_CREDENTIALS, "", false),
        new dev.sociscope.app.settings.SavedRegistry("local", "http://127.0.0.1:5000",
            dev.sociscope.app.settings.SavedRegistry.AuthMode.ANONYMOUS, "", true)))));
    fxRun(() -> ctx.openReference("oci:" + demo + ":demo"));
    waitUntil("demo image", () -> ctx.registryViewModel().imageProperty().get() != null);
    assertThat(fx(() -> ctx.stage().getTitle())).contains("demo-image:demo");

    robot.press(javafx.scene.input.KeyCode.CONTROL).press(javafx.scene.input.KeyCode.L)
        .release(javafx.scene.input.KeyCode.L).release(javafx.scene.input.KeyCode.CONTROL);
    waitUntil("address focused", () -> ctx.main().addressField().isFocused());
    fxRun(() -> {
      ctx.main().addressField().setText("oci:" + demo);
      ctx.main().addressField().end();
    });
    robot.write(":");
    waitUntil("completion", () -> ctx.main().completionPopup().isShowing());
    assertThat(fx(() -> ctx.main().completionPopup().getItems().stream()
        .map(javafx.scene.control.MenuItem::getText).toList()))
        .contains("oci:" + demo + ":demo-soci");
    WaitForAsyncUtils.waitForFxEvents();

    BufferedImage window = javafx.embed.swing.SwingFXUtils.fromFXImage(fx(() -> ctx.scene().snapshot(null)), null);
    javafx.stage.Window popup = fx(() -> ctx.main().completionPopup().getScene().getWindow());
    BufferedImage menu = javafx.embed.swing.SwingFXUtils.fromFXImage(fx(() -> popup.getScene().snapshot(null)),
        null);
    double x = fx(() -> popup.getX() - ctx.stage().getX() - ctx.scene().getX());
    double y = fx(() -> popup.getY() - ctx.stage().getY() - ctx.scene().getY());
    java.awt.Graphics2D g = window.createGraphics();
    g.drawImage(menu, (int) Math.round(x), (int) Math.round(y), null);
    g.dispose();
    Path file = Path.of("..", "screenshots", "address-completion.png");
    Files.createDirectories(file.getParent());
    ImageIO.write(window, "png", file.toFile());
    assertThat(window.getWidth()).isEqualTo(GuiTestSupport.WIDTH);
    Set<Integer> colours = new HashSet<>();
    for (int yy = 0; yy < window.getHeight(); yy += 3) {
      for (int xx = 0; xx < window.getWidth(); xx += 3) {
        colours.add(window.getRGB(xx, yy));
      }
    }
    assertThat(colours.size()).as("distinct colours").isGreaterThan(20);
  }

  /** The demo image: its layers and SOCI index, the merged file tree with a lazy read, the wizard running. */
  private void demoImageViews(FxRobot robot) throws Exception {
    fxRun(ctx::openDemoImage);
    waitUntil("demo image", () -> ctx.registryViewModel().imageProperty().get() != null);
    DEMO_DATA_LAYER[0] = fx(() -> ctx.registryViewModel().imageProperty().get().layers().get(1).digest());
    fxRun(() -> ctx.main().registry().layerTable().getSelectionModel().select(1));
    shot(ctx.scene(), "image-demo");

    fxRun(() -> ctx.main().registry().imageTabs().getSelectionModel().select(1));
    waitUntil("merged tree", () -> ctx.registryViewModel().files().treeProperty().get() != null);
    TreeTableView<FileNode> files = ctx.main().registry().imageFiles().tree();
    fxRun(() -> {
      TreeItem<FileNode> data = ZtocViewsGuiTest.child(files.getRoot(), "data");
      data.setExpanded(true);
      files.getSelectionModel().clearAndSelect(files.getRow(ZtocViewsGuiTest.child(data, "numbers.txt")));
    });
    FileNode numbers = fx(() -> files.getSelectionModel().getSelectedItem().getValue());
    fxRun(() -> ctx.registryViewModel().files().preview(numbers));
    waitUntil("read stats", () -> ctx.registryViewModel().files().readStatusProperty().get().contains("saved"));
    shot(ctx.scene(), "image-files");
    filesTabAtSize(1600, 1000);
    filesTabAtSize(1024, 700);

    fxRun(() -> {
      ctx.main().registry().imageTabs().getSelectionModel().select(2);
      ctx.registryViewModel().profile().pathsProperty().set("/data/numbers.txt\n/etc/motd\n/usr/local/bin/hello.sh\n");
      ctx.registryViewModel().profile().run();
    });
    waitUntil("profile", () -> ctx.registryViewModel().profile().profileProperty().get() != null);
    shot(ctx.scene(), "image-profile");

    // The span size switched to 4 MiB: core's what-if from the index's zTOCs, labelled as an estimate.
    fxRun(() -> ctx.registryViewModel().profile().spanSizeProperty().set(4L << 20));
    waitUntil("profile at 4 MiB", () -> ctx.registryViewModel().profile().spanNoteProperty().get()
        .startsWith("Estimated for"));
    shot(ctx.scene(), "image-profile-span-size");
    fxRun(() -> ctx.registryViewModel().profile().spanSizeProperty().set(0L));

    fxRun(() -> ctx.main().registry().imageTabs().getSelectionModel().select(3));
    fxRun(() -> ctx.registryViewModel().health().check());
    waitUntil("health findings", () -> !ctx.registryViewModel().health().runningProperty().get()
        && !ctx.registryViewModel().health().rows().isEmpty());
    shot(ctx.scene(), "image-health");

    // The compare view: the demo image's v1 index against its SOCI-enabled image's v2 index (same zTOC).
    fxRun(() -> ctx.registryViewModel().compareWith("", "demo-soci"));
    waitUntil("comparison", () -> !ctx.registryViewModel().compare().lines().isEmpty());
    Stage compare = fx(() -> dev.sociscope.app.compare.CompareDialog.show(ctx.scene().getWindow(),
        ctx.registryViewModel().compare(), ctx.scene().getStylesheets()));
    assertThat(fx(() -> ctx.registryViewModel().compare().lines().get(0))).startsWith("reused  sha256:");
    shot(compare.getScene(), "compare-dialog");
    fxRun(compare::hide);

    fxRun(() -> ctx.main().registry().imageTabs().getSelectionModel().select(0));
    dev.sociscope.app.create.CreateIndexViewModel wizard = GuiTestSupport.openWizard(robot, ctx);
    fxRun(() -> {
      wizard.spanMiBProperty().set(1);
      wizard.minLayerMiBProperty().set(1);
    });
    // The demo image's index was built with these options: the wizard says so before any download.
    waitUntil("identical index", () -> !wizard.identicalProperty().get().isEmpty());
    shot(ctx.main().registry().createDialog().getScene(), "create-wizard-identical-dialog");
    fxRun(() -> wizard.buildAnywayProperty().set(true));
    waitUntil("plan", () -> wizard.buildableProperty().get());
    fxRun(wizard::run);
    waitUntil("progress", () -> !wizard.layers().isEmpty() && wizard.layers().get(0).progressProperty().get() > 0);
    Stage dialog = ctx.main().registry().createDialog();
    shot(dialog.getScene(), "create-wizard-dialog");
    fxRun(wizard::cancel);
    releaseBuild.countDown();
    waitUntil("cancelled", () -> ctx.tasks().currentProperty().get() == null);
    fxRun(dialog::hide);

    // The migration preview: what a v2 build would write, before anything is written.
    dev.sociscope.app.create.CreateIndexViewModel v2 = GuiTestSupport.openWizard(robot, ctx);
    fxRun(() -> {
      v2.spanMiBProperty().set(1);
      v2.minLayerMiBProperty().set(1);
      v2.versionProperty().set(dev.sociscope.core.soci.SociVersion.V2);
    });
    waitUntil("v2 plan", () -> v2.buildableProperty().get());
    fxRun(v2::preview);
    waitUntil("preview", () -> v2.stateProperty().get() == dev.sociscope.app.create.CreateIndexViewModel.State.EDITING
        && v2.previewLines().size() > 1);
    Stage previewDialog = ctx.main().registry().createDialog();
    shot(previewDialog.getScene(), "create-preview-dialog");
    fxRun(previewDialog::hide);

    prefetchSpans();
    twoPlatformWizard(robot);
  }

  /**
   * The span map of the demo's data layer once its index has a prefetch artifact for the profile's files (built
   * here with core, as the wizard would): the artifact's spans filled, the profile's underlined, with the legend.
   */
  private void prefetchSpans() throws Exception {
    String layout = fx(() -> ctx.registryViewModel().connectionProperty().get().registry().url());
    dev.sociscope.core.workflow.SociService soci = new dev.sociscope.core.workflow.SociService(
        dev.sociscope.core.registry.RegistryClient.builder().build(),
        new dev.sociscope.core.layout.ZtocCache(Files.createTempDirectory("sociscope-shots-cache")));
    soci.create(layout + ":demo", dev.sociscope.core.workflow.SociService.CreateRequest.defaults()
        .withOptions(dev.sociscope.core.soci.SociIndexOptions.defaults(dev.sociscope.core.soci.SociVersion.V1)
            .withSpanSize(1 << 20).withPrefetchPaths(List.of("/data/numbers.txt")))
        .pushing(true), dev.sociscope.core.workflow.CreateListener.NONE, new dev.sociscope.core.io.Cancellation());
    fxRun(() -> ctx.registryViewModel().selectTag("demo-soci"));
    waitUntil("other image", () -> ctx.registryViewModel().imageProperty().get() != null
        && ctx.registryViewModel().imageProperty().get().reference().endsWith("demo-soci"));
    fxRun(() -> ctx.registryViewModel().selectTag("demo"));
    waitUntil("demo again", () -> ctx.registryViewModel().imageProperty().get() != null
        && ctx.registryViewModel().imageProperty().get().reference().endsWith(":demo"));
    fxRun(() -> ctx.registryViewModel().profile().run());
    waitUntil("profile", () -> ctx.registryViewModel().profile().profileProperty().get() != null);
    ImageDetails.Layer layer = fx(() -> ctx.registryViewModel().imageProperty().get().layers().get(1));
    fxRun(() -> ctx.registryViewModel().openLayer(layer));
    waitUntil("prefetch marks", () -> !ctx.workspace().marksProperty().get().artifact().isEmpty());
    shot(ctx.scene(), "ztoc-prefetch-spans");
  }

  /** The wizard's plan for an image of two platforms: one index each, both listed, the destination said. */
  private void twoPlatformWizard(FxRobot robot) throws Exception {
    Path mixed = INPUTS.resolve("multi-arch");
    if (Files.exists(mixed)) {
      try (var walk = Files.walk(mixed)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    dev.sociscope.core.testing.MixedLayerImage.write(mixed);
    fxRun(() -> ctx.registryViewModel().openLocal(mixed, true));
    waitUntil("layout", () -> ctx.registryViewModel().connectionProperty().get() != null
        && ctx.registryViewModel().connectionProperty().get().registry().url().endsWith("multi-arch")
        && !ctx.registryViewModel().selectedRepositoryProperty().get().isEmpty());
    fxRun(() -> ctx.registryViewModel().selectTag(dev.sociscope.core.testing.MixedLayerImage.MIXED));
    waitUntil("mixed image", () -> ctx.registryViewModel().imageProperty().get() != null
        && ctx.registryViewModel().imageProperty().get().reference().endsWith(":mixed"));
    fxRun(() -> ctx.mainViewModel().modeProperty().set(MainViewModel.Mode.REGISTRY));
    dev.sociscope.app.create.CreateIndexViewModel wizard = GuiTestSupport.openWizard(robot, ctx);
    fxRun(() -> {
      wizard.minLayerMiBProperty().set(0);
      wizard.allPlatformsProperty().set(true);
    });
    waitUntil("two platforms", () -> wizard.estimateProperty().get().contains("in 2 index(es)"));
    Stage dialog = ctx.main().registry().createDialog();
    shot(dialog.getScene(), "create-wizard-platforms-dialog");
    fxRun(dialog::hide);
  }

  /** The Files tab (tree, filter and preview pane) at another window size; the window is put back afterwards. */
  private void filesTabAtSize(int width, int height) throws Exception {
    Stage stage = ctx.stage();
    fxRun(() -> {
      stage.setWidth(width);
      stage.setHeight(height);
    });
    WaitForAsyncUtils.waitForFxEvents();
    fxRun(() -> ctx.scene().getRoot().layout());
    WaitForAsyncUtils.waitForFxEvents();
    shot(ctx.scene(), "image-files-" + width + "x" + height, width, height);
    fxRun(() -> {
      stage.setWidth(GuiTestSupport.WIDTH);
      stage.setHeight(GuiTestSupport.HEIGHT);
    });
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static Window windowWith(String selector) {
    for (Window w : Window.getWindows()) {
      if (w.isShowing() && w.getScene() != null && w.getScene().lookup(selector) != null) {
        return w;
      }
    }
    return null;
  }

  private static Window errorWindow() {
    for (Window w : Window.getWindows()) {
      if (w.isShowing() && w.getScene() != null && w.getScene().lookup("#" + FxDialogService.ERROR_SUMMARY_ID) != null) {
        return w;
      }
    }
    return null;
  }

  private void select(TreeTableView<FileNode> tree, String dir, String name) {
    fxRun(() -> {
      TreeItem<FileNode> d = ZtocViewsGuiTest.child(tree.getRoot(), dir);
      d.setExpanded(true);
      TreeItem<FileNode> f = ZtocViewsGuiTest.child(d, name);
      tree.getSelectionModel().clearAndSelect(tree.getRow(f));
      tree.scrollTo(Math.max(0, tree.getRow(d) - 2));
    });
    waitUntil("selected " + name, () -> ctx.workspace().focusedProperty().get() != null
        && ctx.workspace().focusedProperty().get().name().equals(name));
  }

  private static void shot(Scene scene, String name) throws Exception {
    shot(scene, name, GuiTestSupport.WIDTH, GuiTestSupport.HEIGHT);
  }

  private static void shot(Scene scene, String name, int width, int height) throws Exception {
    Path file = GuiTestSupport.screenshot(scene, name);
    BufferedImage img = ImageIO.read(file.toFile());
    if (!name.endsWith("-dialog")) {
      assertThat(img.getWidth()).isEqualTo(width);
      assertThat(img.getHeight()).isBetween(height - 60, height);
    }
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        colours.add(img.getRGB(x, y));
      }
    }
    assertThat(colours.size()).as("distinct colours in " + name).isGreaterThan(20);
  }
}
