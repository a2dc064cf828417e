package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.core.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * What the window does with a dropped OCI layout folder and a dropped reference text: the image opens in the
 * registry view, the title and the address field name it, and the same image dropped twice is one sidebar entry.
 */
@ExtendWith(ApplicationExtension.class)
class DropImageGuiTest {
  @TempDir Path temp;
  private AppContext ctx;

  @Start
  void start(Stage stage) throws Exception {
    ctx = GuiTestSupport.start(stage, Files.createTempDirectory("sociscope-drop-gui"));
  }

  @Test
  void aDroppedFolderAndADroppedReferenceOpenTheImage() throws Exception {
    Path layout = temp.resolve("dropped");
    TestImages.singlePlatform(layout, "v3", Map.of("a.txt", "a"));

    assertThat(fx(() -> ctx.mainViewModel().drop(List.of(layout)))).isTrue();
    waitUntil("image from folder", () -> ctx.registryViewModel().imageProperty().get() != null);
    assertThat(fx(() -> ctx.stage().getTitle())).contains("dropped:v3");
    assertThat(fx(() -> ctx.main().addressField().getText())).isEqualTo("oci:" + layout.toAbsolutePath() + ":v3");

    // The same image as text (a reference), by digest this time
    String digest = fx(() -> ctx.registryViewModel().imageProperty().get().digest());
    assertThat(fx(() -> ctx.mainViewModel().dropText("oci:" + layout + "@" + digest))).isTrue();
    waitUntil("image by digest", () -> ctx.registryViewModel().imageProperty().get() != null
        && ctx.registryViewModel().imageProperty().get().reference().equals("dropped@" + digest));
    assertThat(fx(() -> ctx.stage().getTitle())).contains("dropped@" + digest);
    assertThat(fx(() -> ctx.settings().get().registries())).extracting(SavedRegistry::url)
        .filteredOn(u -> u.contains("dropped")).hasSize(1);

    // Text that is no reference is refused with one error, and nothing else changes
    assertThat(fx(() -> ctx.mainViewModel().dropText("hello world"))).isFalse();
    assertThat(fx(() -> ctx.registryViewModel().imageProperty().get().reference())).isEqualTo("dropped@" + digest);
  }
}
