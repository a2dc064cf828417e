package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.create.CreateIndexViewModel;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.ZtocDescriptor;
import dev.sociscope.core.testing.SizedImage;
import dev.sociscope.core.workflow.FoundIndex;
import dev.sociscope.core.workflow.ImageResolver;
import dev.sociscope.core.workflow.OpenedImage;
import dev.sociscope.core.workflow.SociService;
import dev.sociscope.core.ztoc.ZtocReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 16 item 6 in the window: the wizard's estimate of spans and zTOC bytes, read off its label before Create,
 * against the index Create then writes, for the medium and the large test image (no index of either exists
 * beforehand, so spans come from the gzip trailers and the TOC is the stated approximation): within 15%.
 */
@ExtendWith(ApplicationExtension.class)
class WizardEstimateGuiTest {
  private static final Pattern ESTIMATE = Pattern.compile("about ([0-9.,]+) (B|KiB|MiB|GiB) \\(([0-9,]+) span");
  private AppContext ctx;
  private Path dir;

  @Start
  void start(Stage stage) throws Exception {
    dir = Files.createTempDirectory("sociscope-wizard-estimate");
    ctx = GuiTestSupport.start(stage, dir.resolve("config"));
  }

  @Test
  void theEstimateShownIsWithin15PercentOfWhatCreateWrites(FxRobot robot) throws Exception {
    Path layout = dir.resolve("image");
    SizedImage.write(layout);
    fxRun(() -> {
      ctx.mainViewModel().modeProperty().set(MainViewModel.Mode.REGISTRY);
      ctx.registryViewModel().openLocal(layout, true);
    });
    waitUntil("repository", () -> !ctx.registryViewModel().repositories().isEmpty());
    fxRun(() -> ctx.registryViewModel().selectRepository(ctx.registryViewModel().repositories().get(0)));
    for (String tag : List.of(SizedImage.MEDIUM, SizedImage.LARGE)) {
      waitUntil("tags", () -> ctx.registryViewModel().tags().contains(tag));
      fxRun(() -> ctx.registryViewModel().selectTag(tag));
      waitUntil("image " + tag, () -> ctx.registryViewModel().imageProperty().get() != null
          && ctx.registryViewModel().imageProperty().get().reference().endsWith(":" + tag));

      CreateIndexViewModel wizard = GuiTestSupport.openWizard(robot, ctx);
      assertThat(wizard.imageName()).endsWith(":" + tag);
      Scene scene = ctx.main().registry().createDialog().getScene();
      fxRun(() -> wizard.minLayerMiBProperty().set(0)); // every layer of the small test images
      waitUntil("plan", () -> wizard.buildableProperty().get());
      String shown = fx(() -> ((Label) scene.lookup("#estimate")).getText());
      Matcher m = ESTIMATE.matcher(shown);
      assertThat(m.find()).as(shown).isTrue();
      long estimatedBytes = bytes(m.group(1), m.group(2));
      long estimatedSpans = Long.parseLong(m.group(3).replace(",", ""));

      fxRun(wizard::run);
      waitUntil("built " + tag, () -> wizard.stateProperty().get() != CreateIndexViewModel.State.RUNNING);
      assertThat(fx(() -> wizard.stateProperty().get() + " " + wizard.statusProperty().get())).startsWith("DONE");
      fxRun(() -> ctx.main().registry().createDialog().hide());

      long[] built = built(layout, tag);
      assertThat(estimatedSpans).as("%s spans: %s", tag, shown).isCloseTo(built[0], Percentage.withPercentage(15));
      assertThat(estimatedBytes).as("%s zTOC bytes: %s", tag, shown).isCloseTo(built[1],
          Percentage.withPercentage(15));
    }
  }

  /** Spans and zTOC bytes of the index Create wrote for the image's default platform. */
  private static long[] built(Path layout, String tag) throws Exception {
    RegistryClient client = RegistryClient.builder().build();
    SociService soci = new SociService(client, new ZtocCache(Files.createTempDirectory("sociscope-estimate-check")));
    String ref = "oci:" + layout + ":" + tag;
    List<FoundIndex> found = soci.discover(ref, ImageResolver.PlatformSelection.DEFAULT).allIndexes();
    assertThat(found).as("indexes of " + tag).hasSize(1);
    long spans = 0;
    long bytes = 0;
    try (OpenedImage image = OpenedImage.open(ref, client)) {
      for (ZtocDescriptor z : found.get(0).index().ztocs()) {
        spans += ZtocReader.readWithZinfo(image.store().readBlob(z.ztocDigest())).zinfo().spanCount();
        bytes += z.ztocSize();
      }
    }
    return new long[] {spans, bytes};
  }

  private static long bytes(String number, String unit) {
    double n = Double.parseDouble(number.replace(",", ""));
    long scale = switch (unit.toUpperCase(Locale.ROOT)) {
      case "KIB" -> 1L << 10;
      case "MIB" -> 1L << 20;
      case "GIB" -> 1L << 30;
      default -> 1;
    };
    return (long) (n * scale);
  }
}
