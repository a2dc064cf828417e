package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.create.CreateIndexViewModel;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.profile.ProfileViewModel;
import dev.sociscope.app.settings.SettingsStore;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.workflow.FoundPrefetch;
import dev.sociscope.core.workflow.ImageResolver;
import dev.sociscope.core.workflow.SociService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import javafx.scene.chart.BarChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 12's natural path in the GUI, on the demo image: pick a file in the Files tab and "Add to profile"; profile
 * the start; switch the span size (bars and seconds follow core's what-if); "Create index with these prefetched"
 * opens the wizard pre-filled and its build writes the prefetch artifact; the span map then colours the index's
 * prefetch spans and the profile's, with their legend.
 */
@ExtendWith(ApplicationExtension.class)
class ProfilePrefetchGuiTest {
  private AppContext ctx;

  @Start
  void start(Stage stage) throws Exception {
    Path configDir = Files.createTempDirectory("sociscope-prefetch-gui");
    ctx = new AppContext(stage, new SettingsStore(configDir), SociscopeApp.defaultServices(configDir));
    stage.setWidth(GuiTestSupport.WIDTH);
    stage.setHeight(GuiTestSupport.HEIGHT);
    ctx.show(true);
  }

  @Test
  void fromTheFilesTabToAnIndexWithThoseFilesPrefetchedAndTheirSpansOnTheMap(FxRobot robot) throws Exception {
    waitUntil("demo image", () -> ctx.registryViewModel().imageProperty().get() != null);
    ProfileViewModel profile = ctx.registryViewModel().profile();

    // Files tab: select data/numbers.txt, then the tree's context menu item "Add to profile".
    fxRun(() -> ctx.main().registry().imageTabs().getSelectionModel().select(1));
    waitUntil("merged tree", () -> ctx.registryViewModel().files().treeProperty().get() != null);
    TreeTableView<FileNode> tree = ctx.main().registry().imageFiles().tree();
    fxRun(() -> {
      TreeItem<FileNode> data = ZtocViewsGuiTest.child(tree.getRoot(), "data");
      data.setExpanded(true);
      tree.getSelectionModel().clearAndSelect(tree.getRow(ZtocViewsGuiTest.child(data, "numbers.txt")));
    });
    fxRun(() -> tree.getContextMenu().getItems().stream().filter(i -> "addToProfile".equals(i.getId()))
        .findFirst().orElseThrow().fire());
    assertThat(fx(() -> profile.pathsProperty().get())).isEqualTo("/data/numbers.txt");
    fxRun(() -> profile.addPaths(List.of("/data/numbers.txt", "/etc/motd"))); // each path once
    assertThat(fx(() -> profile.pathsProperty().get())).isEqualTo("/data/numbers.txt\n/etc/motd");

    // Profile tab: run; bars of full, lazy and prefetched bytes per layer.
    fxRun(() -> ctx.main().registry().imageTabs().getSelectionModel().select(2));
    robot.clickOn("#runButton");
    waitUntil("profile", () -> profile.profileProperty().get() != null);
    long measuredLazy = fx(() -> profile.profileProperty().get().lazyBytes());
    assertThat(fx(() -> profile.rows().get(1).spans())).isEqualTo("11-13");
    BarChart<?, ?> chart = fx(() -> (BarChart<?, ?>) ctx.scene().lookup("#chart"));
    assertThat(fx(() -> chart.getData().size())).isEqualTo(3);
    assertThat(fx(() -> chart.getData().get(2).getName())).isEqualTo("Prefetched up front");

    // Switch the span size: the estimate for 4 MiB spans (core's what-if) replaces the bars and seconds.
    assertThat(fx(() -> profile.spanNoteProperty().get())).startsWith("Measured with the index's span size (1.0 MiB)");
    String timingBefore = fx(() -> profile.timingProperty().get());
    @SuppressWarnings("unchecked")
    ComboBox<Long> spanBox = fx(() -> (ComboBox<Long>) ctx.scene().lookup("#spanBox"));
    fxRun(() -> spanBox.setValue(4L << 20));
    waitUntil("estimate at 4 MiB", () -> profile.spanNoteProperty().get().startsWith("Estimated for 4.0 MiB spans"));
    assertThat(fx(() -> profile.profileProperty().get().spanSize())).isEqualTo(4L << 20);
    assertThat(fx(() -> profile.rows().get(1).spans())).isNotEqualTo("11-13");
    assertThat(fx(() -> profile.profileProperty().get().lazyBytes())).isNotEqualTo(measuredLazy);
    assertThat(fx(() -> profile.timingProperty().get())).isNotEqualTo(timingBefore);
    fxRun(() -> spanBox.setValue(0L));
    waitUntil("measured again", () -> profile.profileProperty().get().lazyBytes() == measuredLazy);

    // "Create index with these prefetched": the wizard opens with the paths; its build writes the artifacts.
    robot.clickOn("#createButton");
    waitUntil("wizard", () -> ctx.main().registry().createDialog() != null
        && ctx.main().registry().createDialog().isShowing());
    CreateIndexViewModel wizard = fx(() -> ctx.registryViewModel().lastWizardProperty().get());
    assertThat(wizard.prefetchPaths()).containsExactly("/data/numbers.txt", "/etc/motd");
    fxRun(() -> wizard.spanMiBProperty().set(1)); // the demo index's span size: same zTOCs, plus the artifact
    waitUntil("plan", () -> wizard.buildableProperty().get());
    assertThat(fx(() -> wizard.identicalProperty().get())).as("prefetch paths make a different index").isEmpty();
    assertThat(fx(() -> wizard.destinationProperty().get())).contains("prefetch artifacts for 2 path(s)");
    fxRun(wizard::run);
    waitUntil("built", () -> wizard.stateProperty().get() != CreateIndexViewModel.State.RUNNING);
    assertThat(fx(() -> wizard.stateProperty().get() + " " + wizard.statusProperty().get())).startsWith("DONE");
    fxRun(() -> ctx.main().registry().createDialog().hide());

    String layout = fx(() -> ctx.registryViewModel().connectionProperty().get().registry().url());
    SociService soci = new SociService(RegistryClient.builder().build(),
        new ZtocCache(Files.createTempDirectory("sociscope-prefetch-check")));
    List<FoundPrefetch> found = soci.prefetches(layout + ":demo", ImageResolver.PlatformSelection.DEFAULT);
    String dataLayer = fx(() -> ctx.registryViewModel().imageProperty().get().layers().get(1).digest());
    assertThat(found).filteredOn(f -> f.descriptor().layerDigest().toString().equals(dataLayer)).singleElement()
        .satisfies(f -> assertThat(f.artifact().spans()).extracting(s -> s.startSpan() + "-" + s.endSpan())
            .containsExactly("11-13"));

    // The span map of that layer: the artifact's spans and the profile's, and the legend names both.
    waitUntil("image reloaded", () -> ctx.registryViewModel().imageProperty().get() != null
        && ctx.registryViewModel().imageProperty().get().layers().get(1).indexed());
    // The reloaded image is profiled again (its index may have changed); the map shows that profile.
    waitUntil("profile again", () -> profile.profileProperty().get() != null);
    ImageDetails.Layer layer = fx(() -> ctx.registryViewModel().imageProperty().get().layers().get(1));
    fxRun(() -> ctx.registryViewModel().openLayer(layer));
    waitUntil("span map marks", () -> !ctx.workspace().marksProperty().get().artifact().isEmpty());
    BitSet expected = new BitSet();
    expected.set(11, 14);
    assertThat(fx(() -> ctx.main().spanMap().spanMap().artifactProperty().get())).isEqualTo(expected);
    assertThat(fx(() -> ctx.main().spanMap().spanMap().profileProperty().get())).isEqualTo(expected);
    assertThat(fx(() -> ctx.main().spanMap().viewModel().prefetchSummaryProperty().get()))
        .isEqualTo("\u00b7  prefetch: 3 span(s) by the index, 3 by the profile");
    assertThat(fx(() -> ctx.main().spanMap().viewModel().tooltipFor(12))).contains("prefetched before the container"
        + " starts").contains("needed by the start-up profile");
    assertThat(fx(() -> ctx.main().spanMap().viewModel().tooltipFor(2))).doesNotContain("prefetched before");
    assertThat(fx(() -> ctx.main().spanMap().spanMap().getScene().lookup("#prefetchLegend").isVisible())).isTrue();
    assertThat(fx(() -> ctx.main().spanMap().spanMap().getScene().lookup("#profileLegend").isVisible())).isTrue();

    // A zTOC opened from elsewhere has no image around it: no prefetch colours, no legend.
    fxRun(() -> ctx.workspace().documentProperty().set(null));
    assertThat(fx(() -> ctx.main().spanMap().spanMap().artifactProperty().get().isEmpty())).isTrue();
    assertThat(fx(() -> ctx.main().spanMap().spanMap().getScene().lookup("#prefetchLegend").isVisible())).isFalse();
  }
}
