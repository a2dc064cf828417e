package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.common.Progress;
import dev.sociscope.app.model.CreateIndexRequest;
import dev.sociscope.app.model.CreateIndexResult;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.service.RegistryService;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.app.settings.SettingsStore;
import dev.sociscope.core.registry.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A catalog of 250 repositories: the list loads the next page when scrolled to its end. */
@ExtendWith(ApplicationExtension.class)
class RegistryPagingGuiTest {
  private static final List<String> NAMES =
      IntStream.range(0, 250).mapToObj(i -> String.format("team/repo-%03d", i)).toList();
  private AppContext ctx;

  /** Pages like the distribution spec: names after {@code last}, the final name as the next cursor. */
  private static final class BigCatalog implements RegistryService {
    @Override
    public dev.sociscope.core.workflow.IndexPlan plan(RegistryConnection c, String repository, String tag,
        boolean all, String platform, dev.sociscope.core.soci.SociIndexOptions options, Progress p) {
      throw new AssertionError("not used here");
    }

    @Override
    public Page repositoryPage(RegistryConnection c, int pageSize, String after, Progress p) {
      List<String> rest = NAMES.stream().filter(n -> after == null || n.compareTo(after) > 0).toList();
      List<String> names = rest.subList(0, Math.min(pageSize, rest.size()));
      return new Page(names, rest.size() > pageSize ? Optional.of(names.get(names.size() - 1)) : Optional.empty());
    }

    @Override
    public void connect(RegistryConnection c, Progress p) {}

    @Override
    public List<String> repositories(RegistryConnection c, Progress p) {
      throw new AssertionError("the browser must page");
    }

    @Override
    public List<String> tags(RegistryConnection c, String repository, Progress p) {
      return List.of();
    }

    @Override
    public ImageDetails image(RegistryConnection c, String r, String ref, String platform, Progress p) {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public dev.sociscope.app.model.ZtocDocument openZtoc(RegistryConnection c, String r, ImageDetails.Layer l,
        Progress p) {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public dev.sociscope.core.files.ImageFiles files(RegistryConnection c, String r, ImageDetails i,
        Progress p) {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public CreateIndexResult createIndex(RegistryConnection c, CreateIndexRequest r, Progress p) {
      throw new UnsupportedOperationException("not used");
    }
  }

  @Start
  void start(Stage stage) throws Exception {
    Path configDir = GuiTestSupport.tempDirectory("sociscope-paging-gui");
    AppContext.Services real = SociscopeApp.defaultServices(configDir);
    ctx = new AppContext(stage, new SettingsStore(configDir),
        new AppContext.Services(real.ztocs(), real.contents(), activity -> new BigCatalog()));
    stage.setWidth(GuiTestSupport.WIDTH);
    stage.setHeight(GuiTestSupport.HEIGHT);
    ctx.show(false);
  }

  @Test
  void scrollingToTheEndLoadsTheNextPage(FxRobot robot) {
    fxRun(() -> {
      ctx.mainViewModel().modeProperty().set(MainViewModel.Mode.REGISTRY);
      ctx.main().registry();
      ctx.registryViewModel().connect(new RegistryConnection(new SavedRegistry("big", "http://127.0.0.1:5000",
          SavedRegistry.AuthMode.ANONYMOUS, "", true), ""));
    });
    waitUntil("first page", () -> ctx.registryViewModel().repositories().size() == 100);
    assertThat(fx(() -> ctx.main().registry().repositorySummary().getText())).isEqualTo("100 shown, more available");

    fxRun(() -> ctx.main().registry().repositoryList().scrollTo(99));
    waitUntil("second page", () -> ctx.registryViewModel().repositories().size() == 200);
    assertThat(fx(() -> ctx.registryViewModel().repositories().get(100))).isEqualTo("team/repo-100");

    fxRun(() -> ctx.main().registry().moreRepositoriesButton().fire());
    waitUntil("last page", () -> ctx.registryViewModel().repositories().size() == 250);
    assertThat(fx(() -> ctx.registryViewModel().repositoryPages().hasMore())).isFalse();
    assertThat(fx(() -> ctx.main().registry().repositorySummary().getParent().isVisible())).isFalse();
  }
}
