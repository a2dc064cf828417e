package dev.sociscope.app.browse;

import dev.sociscope.app.connect.SessionSecrets;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.common.Progress;
import dev.sociscope.app.model.CreateIndexRequest;
import dev.sociscope.app.model.CreateIndexResult;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.service.RegistryService;
import dev.sociscope.app.settings.AppSettings;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.app.settings.Settings;
import dev.sociscope.app.settings.SettingsStore;
import dev.sociscope.app.testing.DirectTaskRunner;
import dev.sociscope.app.testing.RecordingDialogs;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.app.ztoc.ZtocWorkspace;
import dev.sociscope.core.registry.Page;
import dev.sociscope.core.files.ImageFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry browser's paging: first page, load more, and search over what is loaded. */
class RegistryViewModelPagingTest {
  @TempDir Path temp;
  /** Settings are written on a background thread: closed after each test so the temp folder can go. */
  private final java.util.List<AppSettings> opened = new java.util.ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void closeSettings() {
    opened.forEach(AppSettings::close);
  }

  private final List<String> requests = new ArrayList<>();
  private final DirectTaskRunner tasks = new DirectTaskRunner();

  /** A registry with five repositories and tags that pages like the distribution spec (cursor = last name). */
  private final class PagingService implements RegistryService {
    @Override
    public dev.sociscope.core.workflow.IndexPlan plan(RegistryConnection c, String repository, String tag,
        boolean all, String platform, dev.sociscope.core.soci.SociIndexOptions options, Progress p) {
      throw new AssertionError("not used here");
    }

    final List<String> repositories = List.of("alpha/app", "alpha/db", "beta/app", "beta/web", "gamma/app");
    final List<String> tags = List.of("1.0", "1.1", "2.0", "sha256-" + "ab".repeat(32), "3.0");

    private Page page(List<String> all, int pageSize, String after) {
      List<String> rest = all.stream().filter(n -> after == null || n.compareTo(after) > 0).sorted().toList();
      List<String> names = rest.subList(0, Math.min(pageSize, rest.size()));
      return new Page(names, rest.size() > pageSize ? Optional.of(names.get(names.size() - 1)) : Optional.empty());
    }

    @Override
    public Page repositoryPage(RegistryConnection c, int pageSize, String after, Progress p) {
      requests.add("catalog n=" + pageSize + " last=" + after);
      return page(repositories, pageSize, after);
    }

    @Override
    public Page tagPage(RegistryConnection c, String repository, int pageSize, String after, Progress p) {
      requests.add("tags " + repository + " n=" + pageSize + " last=" + after);
      return page(tags, pageSize, after);
    }

    @Override
    public void connect(RegistryConnection c, Progress p) {}

    @Override
    public List<String> repositories(RegistryConnection c, Progress p) {
      throw new AssertionError("the browser must page, not list everything");
    }

    @Override
    public List<String> tags(RegistryConnection c, String repository, Progress p) {
      throw new AssertionError("the browser must page, not list everything");
    }

    @Override
    public ImageDetails image(RegistryConnection c, String r, String ref, String platform, Progress p) {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public ZtocDocument openZtoc(RegistryConnection c, String r, ImageDetails.Layer l, Progress p) {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public ImageFiles files(RegistryConnection c, String r, ImageDetails i, Progress p) {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public CreateIndexResult createIndex(RegistryConnection c, CreateIndexRequest r, Progress p) {
      throw new UnsupportedOperationException("not used");
    }
  }

  private final RecordingDialogs dialogs = new RecordingDialogs();

  private RegistryViewModel connected(int pageSize) {
    AppSettings settings = new AppSettings(new SettingsStore(temp), Settings.DEFAULT);
    opened.add(settings);
    RegistryViewModel vm = new RegistryViewModel(new PagingService(), tasks, dialogs, settings, new SessionSecrets(),
        new ZtocWorkspace());
    vm.setPageSize(pageSize);
    vm.connect(new RegistryConnection(new SavedRegistry("big", "http://127.0.0.1:5000",
        SavedRegistry.AuthMode.ANONYMOUS, "", true), ""));
    return vm;
  }

  @Test
  void firstPageThenLoadMoreUntilEverythingIsLoaded() {
    RegistryViewModel vm = connected(2);
    assertThat(vm.repositories()).containsExactly("alpha/app", "alpha/db");
    assertThat(vm.repositoryPages().hasMore()).isTrue();
    assertThat(vm.repositoryPages().summaryProperty().get()).isEqualTo("2 shown, more available");
    assertThat(vm.statusProperty().get()).contains("first 2 repositories, more available");

    vm.loadMoreRepositories();
    assertThat(vm.repositories()).containsExactly("alpha/app", "alpha/db", "beta/app", "beta/web");
    assertThat(vm.repositoryPages().summaryProperty().get()).isEqualTo("4 shown, more available");

    vm.loadMoreRepositories();
    assertThat(vm.repositories()).containsExactly("alpha/app", "alpha/db", "beta/app", "beta/web", "gamma/app");
    assertThat(vm.repositoryPages().hasMore()).isFalse();
    assertThat(vm.repositoryPages().summaryProperty().get()).isEmpty();

    vm.loadMoreRepositories(); // nothing left: no request
    assertThat(requests).containsExactly("catalog n=2 last=null", "catalog n=2 last=alpha/db",
        "catalog n=2 last=beta/web");
    assertThat(dialogs.errors()).isEmpty();
  }

  @Test
  void searchFiltersLoadedNamesAndSaysMoreAreNotSearched() {
    RegistryViewModel vm = connected(3);
    vm.repositoryFilterProperty().set("app");
    assertThat(vm.repositories()).containsExactly("alpha/app", "beta/app");
    assertThat(vm.repositoryPages().summaryProperty().get())
        .startsWith("2 of 3 loaded match").contains("load more to search further");

    vm.loadMoreRepositories();
    assertThat(vm.repositories()).containsExactly("alpha/app", "beta/app", "gamma/app");
    assertThat(vm.repositoryPages().summaryProperty().get()).isEqualTo("3 of 5 loaded match");

    vm.repositoryFilterProperty().set("");
    assertThat(vm.repositories()).hasSize(5);
    assertThat(vm.repositoryPages().summaryProperty().get()).isEmpty();
  }

  @Test
  void tagsPageTooAndReferrersTagsStayHidden() {
    RegistryViewModel vm = connected(2);
    vm.selectRepository("beta/app");
    assertThat(vm.tags()).containsExactly("1.0", "1.1");
    assertThat(vm.tagPages().hasMore()).isTrue();
    assertThat(vm.selectedTagProperty().get()).isEmpty();

    vm.loadMoreTags();
    vm.loadMoreTags();
    assertThat(vm.tags()).containsExactly("1.0", "1.1", "2.0", "3.0");
    assertThat(vm.tagPages().hasMore()).isFalse();

    // Another repository starts again at its first page.
    vm.selectRepository("alpha/app");
    assertThat(vm.tags()).containsExactly("1.0", "1.1");
    assertThat(requests).filteredOn(r -> r.startsWith("tags")).containsExactly(
        "tags beta/app n=2 last=null", "tags beta/app n=2 last=1.1", "tags beta/app n=2 last=3.0",
        "tags alpha/app n=2 last=null");
    assertThat(dialogs.errors()).isEmpty();
  }
}
