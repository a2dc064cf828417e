package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.model.ActivityEntry;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.app.testing.RegistryFixture;
import dev.sociscope.core.image.ImageReference;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.registry.RemoteRepository;
import dev.sociscope.core.testing.LocalRegistry;
import java.nio.file.Files;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The address field against a real registry (Debian's docker-registry, no referrers API): a tag, a tag the list
 * does not show, a digest; one registry entry however often; F5 and the Refresh button keep the selection; the
 * referrers API's 404 is information in the activity panel; the lists' states.
 */
@ExtendWith(ApplicationExtension.class)
class OpenByReferenceGuiIT {
  private static LocalRegistry registry;
  private static String v1Digest;

  private AppContext ctx;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = LocalRegistry.start();
    RegistryFixture.push(registry);
    // The same image under a tag that pages of one never reach before the test opens it
    try (RemoteRepository repo = RegistryClient.builder().build()
        .repository(ImageReference.parse(registry.host() + "/demo/app:v1"))) {
      OciDocument v1 = repo.manifest("v1");
      v1Digest = v1.digest().toString();
      repo.putManifest(v1, "zz-hidden");
    }
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Start
  void start(Stage stage) throws Exception {
    ctx = GuiTestSupport.start(stage, Files.createTempDirectory("sociscope-open-gui"));
  }

  private void openByTyping(FxRobot robot, String reference) {
    robot.press(KeyCode.CONTROL).press(KeyCode.L).release(KeyCode.L).release(KeyCode.CONTROL);
    waitUntil("address focused", () -> ctx.main().addressField().isFocused());
    fxRun(() -> ctx.main().addressField().setText(reference));
    robot.type(KeyCode.ENTER);
  }

  private ImageDetails imageShown(String reference) {
    waitUntil(reference, () -> ctx.registryViewModel().imageProperty().get() != null
        && ctx.registryViewModel().imageProperty().get().reference().equals(reference));
    return fx(() -> ctx.registryViewModel().imageProperty().get());
  }

  @Test
  void openTagUnlistedTagAndDigestThenRefreshKeepsTheSelection(FxRobot robot) {
    String host = registry.host();
    openByTyping(robot, host + "/demo/app:v1");
    ImageDetails v1 = imageShown("demo/app:v1");
    assertThat(v1.digest()).isEqualTo(v1Digest);
    assertThat(fx(() -> ctx.stage().getTitle())).contains("demo/app:v1");
    assertThat(fx(() -> ctx.mainViewModel().modeProperty().get())).isEqualTo(MainViewModel.Mode.REGISTRY);

    // The registry has no referrers API: its 404 is expected (the fallback tag follows), so it is information
    waitUntil("referrers request logged", () -> ctx.activity().entries().stream()
        .anyMatch(e -> e.title().contains("/referrers/")));
    List<ActivityEntry> referrers = fx(() -> ctx.activity().entries().stream()
        .filter(e -> e.title().contains("/referrers/")).toList());
    assertThat(referrers).allSatisfy(e -> {
      assertThat(e.statusProperty().get()).isEqualTo(ActivityEntry.Status.INFO);
      assertThat(e.problemProperty().get()).contains("fallback tag");
    });
    assertThat(fx(() -> ctx.activity().entries().stream()
        .filter(e -> e.statusProperty().get() == ActivityEntry.Status.FAILED).map(ActivityEntry::title).toList()))
        .isEmpty();

    // Another tag and a digest (which no list shows) open directly, without picking them in the lists (a registry
    // lists every tag eventually; RegistryViewModelOpenTest covers a tag the registry never lists)
    openByTyping(robot, host + "/demo/app:zz-hidden");
    assertThat(imageShown("demo/app:zz-hidden").digest()).isEqualTo(v1Digest);
    openByTyping(robot, host + "/demo/app@" + v1Digest);
    assertThat(imageShown("demo/app@" + v1Digest).digest()).isEqualTo(v1Digest);
    assertThat(fx(() -> ctx.stage().getTitle())).contains("demo/app@" + v1Digest);

    // However often it is named, the registry is remembered once
    assertThat(fx(() -> ctx.settings().get().registries())).extracting(SavedRegistry::url)
        .containsExactly("https://" + host);

    // F5 reloads the registry view (not the zTOC view) and keeps repository and image
    fxRun(() -> ctx.main().registry().layerTable().requestFocus());
    robot.type(KeyCode.F5);
    waitUntil("refreshed", () -> ctx.registryViewModel().statusProperty().get().startsWith("Refreshed:"));
    assertThat(fx(() -> ctx.mainViewModel().modeProperty().get())).isEqualTo(MainViewModel.Mode.REGISTRY);
    assertThat(fx(() -> ctx.registryViewModel().selectedRepositoryProperty().get())).isEqualTo("demo/app");
    assertThat(imageShown("demo/app@" + v1Digest).digest()).isEqualTo(v1Digest);
    assertThat(fx(() -> ctx.registryViewModel().statusProperty().get())).contains("unchanged");

    // The Refresh button does the same
    fxRun(() -> ctx.registryViewModel().repositoryFilterProperty().set(""));
    robot.clickOn(robot.lookup(n -> n instanceof javafx.scene.control.Button b && "Refresh".equals(b.getText()))
        .queryButton());
    waitUntil("refreshed by the button", () -> ctx.registryViewModel().statusProperty().get()
        .startsWith("Refreshed:") && ctx.registryViewModel().imageProperty().get() != null);
    assertThat(fx(() -> ctx.registryViewModel().selectedRepositoryProperty().get())).isEqualTo("demo/app");
    assertThat(fx(() -> ctx.registryViewModel().selectedTagProperty().get())).isEqualTo(v1Digest);

    // A tag search that matches nothing says so (not "Pick a repository.")
    fxRun(() -> ctx.registryViewModel().tagFilterProperty().set("no-such-tag"));
    Label tagPlaceholder = fx(() -> (Label) ctx.main().registry().tagList().getPlaceholder());
    assertThat(fx(tagPlaceholder::getText)).isEqualTo("No loaded tag matches \u201cno-such-tag\u201d.");
  }

  @Test
  void completionOffersTheRepositoriesOfTheRegistry(FxRobot robot) {
    String host = registry.host();
    fxRun(() -> ctx.openReference(host + "/demo/app:v1"));
    imageShown("demo/app:v1");
    robot.press(KeyCode.CONTROL).press(KeyCode.L).release(KeyCode.L).release(KeyCode.CONTROL);
    waitUntil("address focused", () -> ctx.main().addressField().isFocused());
    robot.write("127.0");
    waitUntil("completion shown", () -> ctx.main().completionPopup().isShowing());
    List<String> offered = fx(() -> ctx.main().completionPopup().getItems().stream().map(MenuItem::getText)
        .toList());
    assertThat(offered).contains(host + "/", host + "/demo/app");
    // Choosing a full reference opens it
    fxRun(() -> ctx.main().completionPopup().getItems().stream()
        .filter(i -> i.getText().equals(host + "/demo/app:v1")).findFirst()
        .orElseThrow(() -> new AssertionError("no tag offered: " + offered)).fire());
    imageShown("demo/app:v1");
  }
}
