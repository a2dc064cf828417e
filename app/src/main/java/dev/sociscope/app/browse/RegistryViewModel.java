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
import dev.sociscope.core.image.ImageLocation;
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
  /** What to show once the connection (or the repository's tags) loads: the image an address named, or a refresh. */
  private Target pendingTarget;
  /** What was shown when Refresh was asked for, to say what changed; null when no refresh runs. */
  private RefreshReport.Before refreshing;
  private ImageDetails refreshedImage;
  private boolean refreshImageDone;
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
  private final PagedNames repositoryPages = new PagedNames(repositories, filteredRepositories, repositoryFilter,
      new PagedNames.Words("registry.repositories.loading", "registry.repositories.empty",
          "registry.repositories.filtered", "registry.repositories.failed"), Messages.get("registry.notConnected"));
  private final PagedNames tagPages = new PagedNames(tags, filteredTags, tagFilter,
      new PagedNames.Words("registry.tags.loading", "image.noTags", "registry.tags.filtered",
          "registry.tags.failed"), Messages.get("registry.tags.empty"));

  /**
   * An image to show: a repository and a tag or digest (null: pick as usual), and the platform of a multi-arch image
   * (null: the default one).
   */
  record Target(String repository, String reference, String platform) {}

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
    connect(c, preferredTag, null);
  }

  /** Connects, then shows {@code target} when given (the repository need not be listed, nor the tag). */
  private void connect(RegistryConnection c, String preferredTag, Target target) {
    pendingTag = preferredTag;
    pendingTarget = target;
    repositoryPages.idle(Messages.get("registry.connecting", c.registry().url()));
    repositoryPages.started();
    tagPages.idle(Messages.get("registry.tags.empty"));
    image.set(null);
    imageMessage.set(Messages.get("image.empty"));
    selectedRepository.set("");
    selectedTag.set("");
    status.set(Messages.get("registry.connecting", c.registry().url()));
    repositoryPages.loading(tasks.run(Messages.get("task.connect", c.registry().url()),
        p -> {
          service.connect(c, p);
          return service.repositoryPage(c, pageSize, null, p);
        },
        page -> {
          RegistryConnection previous = connection.get();
          connection.set(c);
          if (previous != null && !previous.equals(c)) {
            service.release(previous); // its archive (and temporary copy) is no longer shown
          }
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
          Target wanted = pendingTarget;
          pendingTarget = null;
          if (wanted != null && wanted.repository() != null) {
            show(wanted);
          } else if (repos.size() == 1) {
            selectRepository(repos.get(0));
          } else {
            maybeFinishRefresh();
          }
        },
        error -> {
          pendingTarget = null;
          refreshing = null;
          repositoryPages.failed(error.summary());
          failed(Messages.get("registry.connectFailed", c.registry().url()), error);
        }));
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
    if (repo == null || repo.equals(selectedRepository.get())) {
      return;
    }
    show(new Target(repo, null, null));
  }

  /**
   * Shows a repository and, when the target names one, its tag or digest at once: the image is read directly, so
   * a tag the list does not show (not loaded yet, or not listed) and a digest open too.
   */
  private void show(Target target) {
    RegistryConnection c = connection.get();
    String repo = target.repository();
    if (c == null || repo == null || repo.isEmpty()) {
      return;
    }
    if (repo.equals(selectedRepository.get()) && target.reference() != null) {
      selectedTag.set(target.reference());
      loadImage(target.platform());
      return;
    }
    selectedRepository.set(repo);
    selectedTag.set("");
    tagPages.idle(Messages.get("registry.tags.empty"));
    tagPages.started();
    image.set(null);
    imageMessage.set(Messages.get("image.pickTag"));
    if (target.reference() != null) {
      selectedTag.set(target.reference());
      loadImage(target.platform());
    }
    tagPages.loading(tasks.run(Messages.get("task.tags", repo), p -> service.tagPage(c, repo, pageSize, null, p),
        page -> {
          if (repo.equals(selectedRepository.get())) {
            tagPages.add(withoutReferrersTags(page));
            if (!selectedTag.get().isEmpty()) {
              // an image is already chosen (by an address or a refresh): the list does not override it
            } else if (tags.isEmpty() && !tagPages.hasMore()) {
              imageMessage.set(Messages.get("image.noTags"));
            } else if (tags.size() == 1 && !tagPages.hasMore()) {
              selectTag(tags.get(0));
            } else if (tags.contains(pendingTag)) {
              selectTag(pendingTag);
            }
            pendingTag = "";
            maybeFinishRefresh();
          }
        },
        error -> {
          tagPages.failed(error.summary());
          if (selectedTag.get().isEmpty()) {
            imageMessage.set(error.summary());
          }
          maybeFinishRefresh();
          failed(Messages.get("registry.tagsFailed", repo), error);
        }));
  }

  public void selectTag(String tag) {
    if (tag == null || connection.get() == null) {
      return;
    }
    if (tag.equals(selectedTag.get())) {
      return; // the list following the view model's choice (it is shown or being read), not a new choice
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
            imageRefreshed(details);
          }
        },
        error -> {
          if (repo.equals(selectedRepository.get()) && tag.equals(selectedTag.get())) {
            imageMessage.set(Messages.get("image.failed", repo + ":" + tag, error.summary()));
          }
          if (refreshing != null) {
            imageRefreshed(null); // the image shown before is gone: said in the status line, not as a failure
            return;
          }
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

  /**
   * Reads again what is shown (repositories, tags, the image), keeps the repository, tag and platform where they
   * still exist, and says in the status line what changed.
   */
  public void refresh() {
    RegistryConnection c = connection.get();
    if (c == null) {
      return;
    }
    ImageDetails shown = image.get();
    String repo = selectedRepository.get();
    String tag = selectedTag.get();
    refreshedImage = null;
    refreshImageDone = false;
    refreshing = new RefreshReport.Before(List.copyOf(repositories), repo, List.copyOf(tags), tag,
        shown == null ? null : shown.digest());
    tabs.files().reloadKeepingSelection(); // the Files tab reads the image again, keeping its path and filter
    Target target = repo.isEmpty() ? null : new Target(repo, tag.isEmpty() ? null : tag,
        shown == null || shown.platform().isEmpty() ? null : shown.platform());
    connect(c, "", target);
  }

  /** The image a refresh read again (null: it is gone); the refresh ends once the tags are in too. */
  private void imageRefreshed(ImageDetails details) {
    if (refreshing != null) {
      refreshedImage = details;
      refreshImageDone = true;
      maybeFinishRefresh();
    }
  }

  /** Ends a refresh, when one runs and everything it reads is in, by saying what changed. */
  private void maybeFinishRefresh() {
    RefreshReport.Before before = refreshing;
    if (before == null) {
      return;
    }
    boolean tagsIn = selectedRepository.get().isEmpty() || !tagPages.isLoading();
    boolean imageIn = selectedTag.get().isEmpty() || refreshImageDone;
    if (!tagsIn || !imageIn) {
      return;
    }
    refreshing = null;
    status.set(RefreshReport.describe(before, List.copyOf(repositories), List.copyOf(tags),
        refreshedImage == null ? null : refreshedImage.digest()));
  }

  /**
   * Opens an image named the way the CLI names it ({@code host/repo:tag}, {@code host/repo@sha256:...},
   * {@code oci:DIR[:tag]}, {@code oci-archive:FILE[:tag]}, {@code docker-archive:FILE}), parsed by core's
   * {@link ImageLocation}: the current or a saved connection to that registry is used, else one is added.
   *
   * @return false when the text is not an image reference (the error is shown)
   */
  public boolean openReference(String text) {
    ImageLocation location;
    try {
      location = ImageLocation.parse(text);
    } catch (RuntimeException e) {
      UserError error = dev.sociscope.app.common.ErrorDescriber.describe(e);
      status.set(error.summary());
      dialogs.showError(Messages.get("open.failed", text == null ? "" : text.strip()), error);
      return false;
    }
    AddressTarget where = AddressTarget.of(location, settings.get().registries());
    Target target = new Target(where.repository(), where.reference(), null);
    RegistryConnection current = connection.get();
    if (current != null && current.registry().url().equals(where.registry().url())) {
      show(target);
    } else if (needsSecret(where.registry()) && secrets.get(where.registry().url()).isEmpty()) {
      dialogs.askConnection(where.registry()).ifPresent(c -> connect(c, "", target));
    } else {
      connect(new RegistryConnection(where.registry(), secrets.get(where.registry().url())), "", target);
    }
    return true;
  }

  private static boolean needsSecret(SavedRegistry saved) {
    return saved.auth() == SavedRegistry.AuthMode.PASSWORD || saved.auth() == SavedRegistry.AuthMode.TOKEN;
  }

  /**
   * The reference of the shown image as the address field (and the CLI) takes it, e.g. {@code host/repo:tag},
   * {@code host/repo@sha256:...} or {@code oci:DIR:tag}; empty when no image is shown.
   */
  public String shownReference() {
    RegistryConnection c = connection.get();
    ImageDetails shown = image.get();
    String tag = selectedTag.get();
    if (c == null || shown == null || tag.isEmpty()) {
      return "";
    }
    String separator = tag.startsWith("sha256:") ? "@" : ":";
    if (!c.isLocal()) {
      return AddressTarget.hostOf(c.registry()) + "/" + selectedRepository.get() + separator + tag;
    }
    return c.registry().url().startsWith("archive:") ? "" : c.registry().url() + separator + tag;
  }

  /**
   * What the address field offers for {@code typed}: known registries, the loaded repositories of the connected
   * registry and the loaded tags of the selected repository, as references that start with (or contain) the text.
   */
  public List<String> completions(String typed) {
    RegistryConnection c = connection.get();
    String host = c == null ? null : !c.isLocal() ? AddressTarget.hostOf(c.registry())
        : c.registry().url().startsWith("archive:") ? null : c.registry().url();
    return AddressCompletion.complete(typed, settings.get().registries(), host, List.copyOf(repositories),
        selectedRepository.get(), List.copyOf(tags));
  }

  private void failed(String title, UserError error) {
    status.set(error.summary());
    dialogs.showError(title, error);
  }
}
