package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.files.ImageFilesViewModel;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.FileTree;
import dev.sociscope.app.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A first start (empty config folder) generates the demo image and shows it in the image view. */
@ExtendWith(ApplicationExtension.class)
class DemoImageGuiTest {
  private AppContext ctx;
  private PulseWatchdog watchdog;
  private Path configDir;

  @Start
  void start(Stage stage) throws Exception {
    configDir = GuiTestSupport.tempDirectory("sociscope-demo-gui");
    ctx = new AppContext(stage, new SettingsStore(configDir), SociscopeApp.defaultServices(configDir));
    stage.setWidth(GuiTestSupport.WIDTH);
    stage.setHeight(GuiTestSupport.HEIGHT);
    ctx.show(true);
  }

  private static byte[] expectedRandom() {
    byte[] random = new byte[12 << 20];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(20240611L);
    for (int i = 0; i < random.length; i += 8) {
      long v = rnd.nextLong();
      for (int k = 0; k < 8; k++) {
        random[i + k] = (byte) (v >>> (8 * k));
      }
    }
    return random;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void firstStartShowsTheDemoImageWithItsSociIndexAndFiles() throws Exception {
    // The first start itself (window, first table skins) is measured as start-up time, not by the watchdog.
    waitUntil("demo image", () -> ctx.registryViewModel().imageProperty().get() != null);
    watchdog = new PulseWatchdog();
    try (PulseWatchdog w = watchdog) {
      assertThat(fx(() -> ctx.mainViewModel().modeProperty().get())).isEqualTo(MainViewModel.Mode.REGISTRY);
      ImageDetails image = fx(() -> ctx.registryViewModel().imageProperty().get());
      assertThat(image.reference()).isEqualTo("demo:demo");
      assertThat(image.layers()).hasSize(3);
      assertThat(image.layers().get(1).sociStatus()).isEqualTo("indexed (1.0 MiB spans)");
      assertThat(image.layers().get(0).indexed()).isFalse();
      assertThat(image.sociIndexes()).singleElement().satisfies(i -> assertThat(i.version()).isEqualTo("v1"));
      assertThat(Files.isRegularFile(configDir.resolve("cache").resolve("demo").resolve("index.json"))).isTrue();

      w.phase("files tab");
      fxRun(() -> ctx.main().registry().imageTabs().getSelectionModel().select(1));
      waitUntil("merged tree", () -> ctx.registryViewModel().files().treeProperty().get() != null);
      ImageFilesViewModel files = ctx.registryViewModel().files();
      FileTree merged = fx(() -> files.treeProperty().get());
      // Only layer 1 has a zTOC: its files are listed, the unindexed layers' are not (yet).
      assertThat(merged.find("data/random.bin")).isPresent();
      assertThat(merged.find("data/random.bin").get().layer()).isEqualTo(1);
      assertThat(merged.find("etc/motd")).isEmpty();
      assertThat(fx(() -> files.noteProperty().get())).startsWith("2 layers have no zTOC");
      assertThat(fx(() -> files.canScanProperty().get())).isTrue();

      w.phase("preview");
      FileNode numbers = merged.find("data/numbers.txt").orElseThrow();
      fxRun(() -> files.preview(numbers));
      waitUntil("preview", () -> files.previewLines().size() > 100);
      assertThat(fx(() -> List.copyOf(files.previewLines().subList(0, 4)))).containsExactly("0 fizzbuzz", "1", "2",
          "3 fizz");
      waitUntil("read stats", () -> files.readStatusProperty().get().contains("range request"));
      assertThat(fx(() -> files.readStatusProperty().get())).contains("saved");

      w.phase("save");
      FileNode random = merged.find("data/random.bin").orElseThrow();
      Path target = configDir.resolve("random.bin");
      fxRun(() -> files.save(random, target));
      waitUntil("saved", () -> files.readStatusProperty().get().contains("Saved to"));
      assertThat(Files.size(target)).isEqualTo(12L << 20);
      assertThat(sha256(Files.readAllBytes(target))).isEqualTo(sha256(expectedRandom()));

      w.phase("scan");
      fxRun(files::scanUnindexed);
      waitUntil("scanned tree", () -> files.treeProperty().get() != merged && files.treeProperty().get() != null);
      FileTree all = fx(() -> files.treeProperty().get());
      assertThat(all.find("etc/motd")).isPresent();
      assertThat(all.find("README.txt")).as("whited out in layer 2").isEmpty();
      assertThat(all.find("var/cache/old.txt")).as("hidden by an opaque directory").isEmpty();
      assertThat(all.find("var/cache/new.txt")).isPresent();
      assertThat(fx(() -> files.noteProperty().get())).contains("listed by streaming");

      w.phase("layer view");
      fxRun(() -> ctx.main().registry().imageFiles().viewBox().getSelectionModel().select(3));
      waitUntil("layer 2 tree", () -> files.treeProperty().get() != null
          && files.treeProperty().get().find(".wh.README.txt").isPresent());

      System.out.println("FX thread watchdog (demo): " + watchdog.describe());
      assertThat(watchdog.worstCpuMillis()).as(watchdog.describe()).isLessThan(100);
    }
  }
}
