package dev.sociscope.app.browse;

import dev.sociscope.app.create.CreateIndexViewModel;
import dev.sociscope.app.files.ImageFilesViewModel;
import dev.sociscope.app.compare.CompareViewModel;
import dev.sociscope.app.health.HealthViewModel;
import dev.sociscope.app.profile.ProfileViewModel;
import dev.sociscope.app.connect.SessionSecrets;
import dev.sociscope.app.common.DialogService;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.common.UserError;
import dev.sociscope.app.service.DemoImageStore;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.service.RegistryService;
import dev.sociscope.app.settings.AppSettings;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.app.ztoc.ZtocWorkspace;
import dev.sociscope.core.workflow.DemoImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** The registry browser: connection, repositories and tags with search, and the image view of the chosen tag. */
public final class RegistryViewModel {
  private static final java.util.regex.Pattern REFERRERS_TAG = java.util.regex.Pattern.compile("sha256-[0-9a-f]{64}");

  private final RegistryService service;
  private final TaskRunner tasks;
  private final DialogService dialogs;
  private final AppSettings settings;
  private final SessionSecrets secrets;
  private final ZtocWorkspace workspace;
  private Consumer<Void> onZtocOpened = v -> { };
  private String pendingTag = "";
  private final ImageTabs tabs;
  private final ReadOnlyObjectWrapper<CreateIndexViewModel> lastWizard = new ReadOnlyObjectWrapper<>();

  private final ReadOnlyObjectWrapper<RegistryConnection> connection = new ReadOnlyObjectWrapper<>();
  private final ObservableList<String> repositories = FXCollections.observableArrayList();
  private final ObservableList<String> tags = FXCollections.observableArrayList();
  private final FilteredList<String> filteredRepositories = new FilteredList<>(repositories);
  private final FilteredList<String> filteredTags = new FilteredList<>(tags);
  private final StringProperty repositoryFilter = new SimpleStringProperty("");
  private final StringProperty tagFilter = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper selectedRepository = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper selectedTag = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<ImageDetails> image = new ReadOnlyObjectWrapper<>();
  private final ObjectProperty<String> platform = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(Messages.get("registry.notConnected"));
  private final ReadOnlyStringWrapper imageMessage = new ReadOnlyStringWrapper(Messages.get("image.empty"));

  /** Names per request to the registry; large catalogs are browsed a page at a time. */
  public static final int DEFAULT_PAGE_SIZE = 100;
  private int pageSize = DEFAULT_PAGE_SIZE;
  private final PagedNames repositoryPages = new PagedNames(repositories, filteredRepositories, repositoryFilter);
  private final PagedNames tagPages = new PagedNames(tags, filteredTags, tagFilter);

  public RegistryViewModel(RegistryService service, TaskRunner tasks, DialogService dialogs, AppSettings settings,
      SessionSecrets secrets, ZtocWorkspace workspace) {
    this.service = service;
    this.tasks = tasks;
    this.dialogs = dialogs;
    this.settings = settings;
    this.secrets = secrets;
    this.workspace = workspace;
    this.tabs = ImageTabs.create(service, tasks, dialogs);
    image.addListener((o, a, b) -> tabs.show(connection.get(), selectedRepository.get(), b));
    repositoryFilter.addListener((o, a, b) -> {
      filteredRepositories.setPredicate(matcher(b));
      repositoryPages.updateSummary();
    });
    tagFilter.addListener((o, a, b) -> {
      filteredTags.setPredicate(matcher(b));
      tagPages.updateSummary();
    });
  }

  private static java.util.function.Predicate<String> matcher(String filter) {
    String f = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
    return f.isEmpty() ? null : s -> s.toLowerCase(Locale.ROOT).contains(f);
  }

  /** Called after a layer's zTOC opened, so the window can show the zTOC views. */
  public void setOnZtocOpened(Consumer<Void> callback) {
    this.onZtocOpened = callback;
  }

  public ReadOnlyObjectProperty<RegistryConnection> connectionProperty() {
    return connection.getReadOnlyProperty();
  }

  public ObservableList<String> repositories() {
    return filteredRepositories;
  }

  public ObservableList<String> tags() {
    return filteredTags;
  }

  /** Repositories: what is loaded, whether more pages are available, and the summary line. */
  public PagedNames repositoryPages() {
    return repositoryPages;
  }

  /** Tags of the selected repository, as {@link #repositoryPages}. */
  public PagedNames tagPages() {
    return tagPages;
  }

  /** Names asked per page (tests use small pages). */
  public void setPageSize(int pageSize) {
    this.pageSize = Math.max(1, pageSize);
  }

  public StringProperty repositoryFilterProperty() {
    return repositoryFilter;
  }

  public StringProperty tagFilterProperty() {
    return tagFilter;
  }

  public ReadOnlyStringProperty selectedRepositoryProperty() {
    return selectedRepository.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty selectedTagProperty() {
    return selectedTag.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<ImageDetails> imageProperty() {
    return image.getReadOnlyProperty();
  }

  /** The platform shown for a multi-arch image; changing it loads that platform. */
  public ObjectProperty<String> platformProperty() {
    return platform;
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** What the image area says when it shows no image. */
  public ReadOnlyStringProperty imageMessageProperty() {
    return imageMessage.getReadOnlyProperty();
  }

  // Commands

  /** Asks for a new registry connection, then connects. */
  public void addRegistry() {
    dialogs.askConnection(null).ifPresent(this::connect);
  }

  /** Connects to a saved registry, asking for the password or token when this session has none. */
  public void open(SavedRegistry saved) {
    boolean needsSecret = saved.auth() == SavedRegistry.AuthMode.PASSWORD || saved.auth() == SavedRegistry.AuthMode.TOKEN;
    String secret = secrets.get(saved.url());
    if (needsSecret && secret.isEmpty()) {
      dialogs.askConnection(saved).ifPresent(this::connect);
    } else {
      connect(new RegistryConnection(saved, secret));
    }
  }

  /** Opens an image on disk: an OCI layout folder, or an oci-archive / docker-archive file. */
  public void openLocal(java.nio.file.Path path, boolean folder) {
    String url = (folder ? "oci:" : "archive:") + path.toAbsolutePath();
    connect(new RegistryConnection(new SavedRegistry(String.valueOf(path.getFileName()), url,
        SavedRegistry.AuthMode.ANONYMOUS, "", false), ""));
  }

  public void addLocalFolder() {
    dialogs.chooseImageFolder().ifPresent(p -> openLocal(p, true));
  }

  public void addLocalArchive() {
    dialogs.chooseImageArchive().ifPresent(p -> openLocal(p, false));
  }

  /**
   * Opens the demo image: generated (off the FX thread) into the store's folder on first use, then shown like any
   * image on disk, with its {@code demo} tag selected.
   */
  public void openDemo(DemoImageStore store) {
    status.set(Messages.get("registry.demo.preparing"));
    tasks.run(Messages.get("task.demoImage"), p -> {
      p.update(-1, -1);
      return store.ensure();
    }, dir -> connect(new RegistryConnection(new SavedRegistry(Messages.get("registry.demo.name"),
        "oci:" + dir.toAbsolutePath(), SavedRegistry.AuthMode.ANONYMOUS, "", false), ""), DemoImage.TAG),
        error -> failed(Messages.get("registry.demo.failed"), error));
  }

  public void connect(RegistryConnection c) {
    connect(c, "");
  }

  /** Connects; with a {@code preferredTag}, that tag is selected once the tags of the only repository load. */
  private void connect(RegistryConnection c, String preferredTag) {
    pendingTag = preferredTag;
    repositoryPages.reset();
    tagPages.reset();
    image.set(null);
    selectedRepository.set("");
    selectedTag.set("");
    status.set(Messages.get("registry.connecting", c.registry().url()));
    tasks.run(Messages.get("task.connect", c.registry().url()),
        p -> {
          service.connect(c, p);
          return service.repositoryPage(c, pageSize, null, p);
        },
        page -> {
          connection.set(c);
          secrets.put(c.registry().url(), c.secret());
          remember(c.registry());
          repositoryPages.add(page);
          List<String> repos = page.names();
          if (c.isLocal()) {
            status.set(Messages.get("registry.local", c.registry().name()));
          } else if (page.hasNext()) {
            status.set(Messages.get("registry.connected.more", c.registry().name(), repos.size()));
          } else {
            status.set(Messages.get("registry.connected", c.registry().name(), repos.size()));
          }
          if (repos.size() == 1) {
            selectRepository(repos.get(0));
          }
        },
        error -> failed(Messages.get("registry.connectFailed", c.registry().url()), error));
  }

  /** Loads the next page of repositories, when there is one and no load is running. */
  public void loadMoreRepositories() {
    RegistryConnection c = connection.get();
    String after = repositoryPages.next();
    if (c == null || after == null || repositoryPages.isLoading()) {
      return;
    }
    repositoryPages.loading(tasks.run(Messages.get("task.moreRepositories"),
        p -> service.repositoryPage(c, pageSize, after, p),
        page -> {
          if (c.equals(connection.get()) && after.equals(repositoryPages.next())) {
            repositoryPages.add(page);
          }
        },
        error -> {
          repositoryPages.loadFailed();
          failed(Messages.get("registry.connectFailed", c.registry().url()), error);
        }));
  }

  /** Loads the next page of tags of the selected repository, when there is one and no load is running. */
  public void loadMoreTags() {
    RegistryConnection c = connection.get();
    String repo = selectedRepository.get();
    String after = tagPages.next();
    if (c == null || repo.isEmpty() || after == null || tagPages.isLoading()) {
      return;
    }
    tagPages.loading(tasks.run(Messages.get("task.tags", repo), p -> service.tagPage(c, repo, pageSize, after, p),
        page -> {
          if (repo.equals(selectedRepository.get()) && after.equals(tagPages.next())) {
            tagPages.add(withoutReferrersTags(page));
          }
        },
        error -> {
          tagPages.loadFailed();
          failed(Messages.get("registry.tagsFailed", repo), error);
        }));
  }

  // sha256-<hex> tags are referrers fallback indexes (SOCI v1 on registries without the API), not images.
  private static dev.sociscope.core.registry.Page withoutReferrersTags(dev.sociscope.core.registry.Page page) {
    return new dev.sociscope.core.registry.Page(
        page.names().stream().filter(t -> !REFERRERS_TAG.matcher(t).matches()).toList(), page.next());
  }

  private void remember(SavedRegistry r) {
    settings.update(s -> {
      List<SavedRegistry> list = new ArrayList<>(s.registries());
      list.removeIf(x -> x.url().equals(r.url()));
      list.add(0, r);
      return s.withRegistries(list);
    });
  }

  public void selectRepository(String repo) {
    RegistryConnection c = connection.get();
    if (c == null || repo == null || repo.equals(selectedRepository.get())) {
      return;
    }
    selectedRepository.set(repo);
    selectedTag.set("");
    tagPages.reset();
    image.set(null);
    imageMessage.set(Messages.get("image.pickTag"));
    tagPages.loading(tasks.run(Messages.get("task.tags", repo), p -> service.tagPage(c, repo, pageSize, null, p),
        page -> {
          if (repo.equals(selectedRepository.get())) {
            tagPages.add(withoutReferrersTags(page));
            if (tags.isEmpty() && !tagPages.hasMore()) {
              imageMessage.set(Messages.get("image.noTags"));
            } else if (tags.size() == 1 && !tagPages.hasMore()) {
              selectTag(tags.get(0));
            } else if (tags.contains(pendingTag)) {
              selectTag(pendingTag);
            }
            pendingTag = "";
          }
        },
        error -> {
          tagPages.loadFailed();
          failed(Messages.get("registry.tagsFailed", repo), error);
        }));
  }

  public void selectTag(String tag) {
    if (tag == null || connection.get() == null) {
      return;
    }
    selectedTag.set(tag);
    loadImage(null);
  }

  public void selectPlatform(String p) {
    ImageDetails current = image.get();
    if (p != null && current != null && !p.equals(current.platform())) {
      loadImage(p);
    }
  }

  private void loadImage(String wantedPlatform) {
    RegistryConnection c = connection.get();
    String repo = selectedRepository.get();
    String tag = selectedTag.get();
    image.set(null);
    imageMessage.set(Messages.get("image.loading", repo + ":" + tag));
    tasks.run(Messages.get("task.image", repo + ":" + tag), p -> service.image(c, repo, tag, wantedPlatform, p),
        details -> {
          if (repo.equals(selectedRepository.get()) && tag.equals(selectedTag.get())) {
            image.set(details);
            platform.set(details.platform());
          }
        },
        error -> {
          imageMessage.set(error.summary());
          failed(Messages.get("registry.imageFailed", repo + ":" + tag), error);
        });
  }

  /**
   * A create-index wizard for the shown image; when it has written an index, the image reloads so the image view
   * shows it. Null when no image is shown.
   */
  public CreateIndexViewModel newCreateWizard() {
    return newCreateWizard(java.util.List.of());
  }

  /** The wizard with {@code prefetch} paths pre-filled as prefetch files (the Profile tab's paths). */
  public CreateIndexViewModel newCreateWizard(java.util.List<String> prefetch) {
    ImageDetails details = image.get();
    RegistryConnection c = connection.get();
    if (details == null || c == null) {
      return null;
    }
    String repo = selectedRepository.get();
    String tag = selectedTag.get();
    CreateIndexViewModel wizard = new CreateIndexViewModel(service, tasks, dialogs, c, repo, tag, details,
        created -> {
          if (repo.equals(selectedRepository.get()) && tag.equals(selectedTag.get())) {
            loadImage(details.platform().isEmpty() ? null : details.platform());
          }
        }, prefetch);
    lastWizard.set(wizard);
    return wizard;
  }

  /** The wizard opened last (tests drive it). */
  public ReadOnlyObjectProperty<CreateIndexViewModel> lastWizardProperty() {
    return lastWizard.getReadOnlyProperty();
  }

  public ProfileViewModel profile() {
    return tabs.profile();
  }

  public CompareViewModel compare() {
    return tabs.compare();
  }

  /** Compares an index of the shown image (digest; empty: the runtime's) with a tag or digest of the repository. */
  public void compareWith(String index, String other) {
    RegistryConnection c = connection.get();
    if (c == null || image.get() == null || other == null || other.isBlank()) {
      return;
    }
    tabs.compare().compare(c, selectedRepository.get(), index == null || index.isEmpty() ? selectedTag.get() : index,
        other.trim());
  }

  public HealthViewModel health() {
    return tabs.health();
  }

  public ImageFilesViewModel files() {
    return tabs.files();
  }

  /** Lists the shown image's files (once per image), for the Files tab. */
  public void showFiles() {
    ImageDetails details = image.get();
    if (details != null && connection.get() != null && !tabs.files().shows(details)) {
      tabs.files().load(connection.get(), selectedRepository.get(), details);
    }
  }

  /** Opens the zTOC of an indexed layer in the zTOC views. */
  public void openLayer(ImageDetails.Layer layer) {
    RegistryConnection c = connection.get();
    if (c == null || layer == null || !layer.indexed()) {
      return;
    }
    String repo = selectedRepository.get();
    ImageDetails details = image.get();
    tasks.run(Messages.get("task.openLayerZtoc", layer.index()),
        p -> java.util.Map.entry(service.openZtoc(c, repo, layer, p),
            details == null ? java.util.List.<int[]>of() : service.prefetchSpans(c, repo, details, layer, p)),
        opened -> {
          workspace.documentProperty().set(opened.getKey());
          // The span map colours the index's prefetch spans and the profile's for this layer.
          workspace.marksProperty().set(new dev.sociscope.app.ztoc.SpanMapMarks(
              dev.sociscope.app.ztoc.SpanMapMarks.of(opened.getValue()), tabs.profile().spansOf(layer.digest())));
          onZtocOpened.accept(null);
        },
        error -> failed(Messages.get("registry.ztocFailed", layer.index()), error));
  }

  public void refresh() {
    RegistryConnection c = connection.get();
    if (c != null) {
      connect(c);
    }
  }

  private void failed(String title, UserError error) {
    status.set(error.summary());
    dialogs.showError(title, error);
  }
}
