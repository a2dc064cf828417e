package dev.sociscope.app.gui;

import dev.sociscope.app.ztoc.DocumentOpener;
import dev.sociscope.app.activity.ActivityController;
import dev.sociscope.app.model.ActivityLog;
import dev.sociscope.app.common.ErrorDescriber;
import dev.sociscope.app.common.FxDialogService;
import dev.sociscope.app.common.FxTaskRunner;
import dev.sociscope.app.common.FxmlView;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.ViewLoader;
import dev.sociscope.app.preview.PreviewController;
import dev.sociscope.app.service.DemoImageStore;
import dev.sociscope.app.preview.PreviewViewModel;
import dev.sociscope.app.service.FileContentService;
import dev.sociscope.app.service.ZtocService;
import dev.sociscope.app.settings.AppSettings;
import dev.sociscope.app.settings.SettingsStore;
import dev.sociscope.app.settings.WindowState;
import dev.sociscope.app.sources.SourcesController;
import dev.sociscope.app.sources.SourcesViewModel;
import dev.sociscope.app.ztoc.DetailsController;
import dev.sociscope.app.ztoc.DetailsViewModel;
import dev.sociscope.app.ztoc.FileTreeController;
import dev.sociscope.app.ztoc.FileTreeViewModel;
import dev.sociscope.app.ztoc.SpanMapController;
import dev.sociscope.app.ztoc.SpanMapViewModel;
import dev.sociscope.app.ztoc.ZtocWorkspace;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: builds services, view models and views by hand and wires them to one stage. */
public final class AppContext implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AppContext.class);

  private final Stage stage;
  private final AppSettings settings;
  private final ActivityLog activity;
  private final FxTaskRunner tasks;
  private final ZtocWorkspace workspace = new ZtocWorkspace();
  private final FxDialogService dialogs;
  private final DocumentOpener opener;
  private final MainViewModel mainViewModel;
  private final FileTreeViewModel treeViewModel;
  private final SpanMapViewModel spanViewModel;
  private final DetailsViewModel detailsViewModel;
  private final PreviewViewModel previewViewModel;
  private final SourcesViewModel sourcesViewModel;
  private final dev.sociscope.app.browse.RegistryViewModel registryViewModel;
  private final MainController main;
  private final DemoImageStore demoImages;
  private final CacheViewModel cache;
  private final dev.sociscope.app.service.RegistryService registryService;
  private final Scene scene;

  /**
   * The services the views use; tests may pass their own.
   *
   * @param cacheDir the cache folder (zTOC/blob cache, the demo image), or null for the settings folder
   */
  public record Services(ZtocService ztocs, FileContentService contents,
      java.util.function.Function<ActivityLog, dev.sociscope.app.service.RegistryService> registries,
      java.nio.file.Path cacheDir) {
    public Services(ZtocService ztocs, FileContentService contents,
        java.util.function.Function<ActivityLog, dev.sociscope.app.service.RegistryService> registries) {
      this(ztocs, contents, registries, null);
    }
  }

  public AppContext(Stage stage, SettingsStore store, Services services) {
    this(stage, store, store.load(), services);
  }

  /** @param initial the settings, when already read (the app reads them while the toolkit starts) */
  public AppContext(Stage stage, SettingsStore store, dev.sociscope.app.settings.Settings initial, Services services) {
    this(stage, store, initial, services, Clock.systemDefaultZone());
  }

  /** @param clock the activity panel's clock (screenshots use a fixed one) */
  public AppContext(Stage stage, SettingsStore store, dev.sociscope.app.settings.Settings initial, Services services,
      Clock clock) {
    this.stage = stage;
    this.activity = new ActivityLog(clock);
    this.tasks = new FxTaskRunner(activity);
    this.settings = new AppSettings(store, initial);
    StartupTrace.mark("settings loaded");
    dev.sociscope.app.service.RegistryService registries =
        new dev.sociscope.app.service.LazyRegistryService(() -> services.registries().apply(activity));
    this.dialogs = new FxDialogService(() -> stage, this::currentTheme,
        (owner, theme, saved) -> dev.sociscope.app.connect.ConnectDialog.ask(owner, theme, saved, registries));
    this.opener = new DocumentOpener(workspace, services.ztocs(), tasks, dialogs, settings);
    java.nio.file.Path cacheDir = services.cacheDir() != null ? services.cacheDir() : store.file().getParent();
    this.demoImages = new DemoImageStore(cacheDir.resolve("demo"));
    this.cache = new CacheViewModel(cacheDir, tasks, dialogs);
    this.mainViewModel = new MainViewModel(workspace, opener, dialogs, settings);
    mainViewModel.setDemoImageAction(this::openDemoImage);
    this.treeViewModel = new FileTreeViewModel(workspace, tasks, dialogs,
        new dev.sociscope.app.service.SelectionSaver(services.contents()));
    this.spanViewModel = new SpanMapViewModel(workspace);
    this.detailsViewModel = new DetailsViewModel(workspace);
    this.previewViewModel = new PreviewViewModel(workspace, services.contents(), tasks, dialogs,
        PreviewViewModel::decodeImage);
    this.registryService = registries;
    this.registryViewModel = new dev.sociscope.app.browse.RegistryViewModel(registryService, tasks, dialogs,
        settings, new dev.sociscope.app.connect.SessionSecrets(), workspace);
    registryViewModel.setOnZtocOpened(v -> mainViewModel.modeProperty().set(MainViewModel.Mode.ZTOC));
    wireRegistryToWindow();
    this.sourcesViewModel = new SourcesViewModel(settings, opener, new SourcesViewModel.RegistryOpener() {
      @Override
      public void open(dev.sociscope.app.settings.SavedRegistry registry) {
        mainViewModel.modeProperty().set(MainViewModel.Mode.REGISTRY);
        registryViewModel.open(registry);
      }

      @Override
      public void add() {
        mainViewModel.modeProperty().set(MainViewModel.Mode.REGISTRY);
        registryViewModel.addRegistry();
      }

      @Override
      public void openDemoImage() {
        AppContext.this.openDemoImage();
      }

      @Override
      public void addLocal(boolean folder) {
        mainViewModel.modeProperty().set(MainViewModel.Mode.REGISTRY);
        if (folder) {
          registryViewModel.addLocalFolder();
        } else {
          registryViewModel.addLocalArchive();
        }
      }
    });
    treeViewModel.lastErrorProperty().addListener((o, a, e) -> {
      if (e != null) {
        dialogs.showError(Messages.get("tree.filter.failed"), e);
      }
    });

    Map<Class<?>, Supplier<?>> controllers = new HashMap<>();
    controllers.put(MainController.class, () -> new MainController(mainViewModel, treeViewModel, tasks));
    controllers.put(DocumentController.class, () -> new DocumentController(mainViewModel));
    controllers.put(ActivityController.class, () -> new ActivityController(activity));
    controllers.put(SourcesController.class, () -> new SourcesController(sourcesViewModel));
    controllers.put(FileTreeController.class, () -> new FileTreeController(treeViewModel));
    controllers.put(SpanMapController.class, () -> new SpanMapController(spanViewModel));
    controllers.put(DetailsController.class, () -> new DetailsController(detailsViewModel));
    controllers.put(PreviewController.class, () -> new PreviewController(previewViewModel));
    controllers.put(dev.sociscope.app.browse.RegistryController.class,
        () -> new dev.sociscope.app.browse.RegistryController(registryViewModel));
    controllers.put(dev.sociscope.app.files.ImageFilesController.class,
        () -> new dev.sociscope.app.files.ImageFilesController(registryViewModel.files(), settings));
    controllers.put(dev.sociscope.app.profile.ProfileController.class,
        () -> new dev.sociscope.app.profile.ProfileController(registryViewModel.profile()));
    controllers.put(dev.sociscope.app.health.HealthController.class,
        () -> new dev.sociscope.app.health.HealthController(registryViewModel.health()));
    StartupTrace.mark("view models built");
    ViewLoader views = new ViewLoader(controllers);
    ViewLoader.Loaded<MainController> loaded = views.load(FxmlView.MAIN);
    StartupTrace.mark("FXML loaded");
    this.main = loaded.controller();
    main.setCache(cache);
    main.setRegistryLoader(() -> views.load(FxmlView.REGISTRY));
    main.setDocumentLoader(() -> views.load(FxmlView.DOCUMENT));
    main.setActivityLoader(() -> views.load(FxmlView.ACTIVITY).root());
    WindowState w = settings.get().window();
    this.scene = new Scene(loaded.root(), w.width(), w.height());
    mainViewModel.themeProperty().get().applyTo(scene);
    stage.setScene(scene);
    stage.titleProperty().bind(mainViewModel.windowTitleBinding());
    placeWindow(w);
    stage.setOnHidden(e -> close());
  }

  /** F5, the address field, dropped images and the window title reach the registry view. */
  private void wireRegistryToWindow() {
    mainViewModel.setRegistryRefresh(registryViewModel::refresh);
    mainViewModel.setReferenceOpener(text -> {
      mainViewModel.modeProperty().set(MainViewModel.Mode.REGISTRY);
      return registryViewModel.openReference(text);
    }, registryViewModel::completions);
    mainViewModel.setImageOpener(path -> {
      mainViewModel.modeProperty().set(MainViewModel.Mode.REGISTRY);
      registryViewModel.openLocal(path, java.nio.file.Files.isDirectory(path));
    });
    // The address field names the image shown, as a browser's does (not while the user types in it)
    registryViewModel.imageProperty().addListener((o, a, shown) -> {
      if (shown != null) {
        main.showAddress(registryViewModel.shownReference());
      }
    });
    mainViewModel.shownImageProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> registryViewModel.imageProperty().get() == null ? "" : registryViewModel.imageProperty().get().reference(),
        registryViewModel.imageProperty()));
  }

  /** Opens the image {@code reference} names (as {@code sociscope open REF}) in the registry view. */
  public boolean openReference(String reference) {
    return mainViewModel.openReference(reference);
  }

  public CacheViewModel cache() {
    return cache;
  }

  private dev.sociscope.app.common.Theme currentTheme() {
    return mainViewModel.themeProperty().get();
  }

  /** Shows unexpected exceptions from any thread in the error dialog instead of losing them. */
  public void installUncaughtExceptionHandler() {
    Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
      LOG.error("Uncaught exception on {}", thread.getName(), error);
      Runnable show = () -> dialogs.showError(Messages.get("error.uncaught.title"), ErrorDescriber.describe(error));
      if (Platform.isFxApplicationThread()) {
        show.run();
      } else {
        Platform.runLater(show);
      }
    });
  }

  private void placeWindow(WindowState w) {
    stage.setWidth(w.width());
    stage.setHeight(w.height());
    if (!Double.isNaN(w.x()) && !Double.isNaN(w.y())
        && !Screen.getScreensForRectangle(new Rectangle2D(w.x(), w.y(), Math.min(w.width(), 100), 40)).isEmpty()) {
      stage.setX(w.x());
      stage.setY(w.y());
    } else {
      stage.centerOnScreen();
    }
    stage.setMaximized(w.maximized());
  }

  /** Remembers the window geometry; called when the window closes. */
  public void rememberWindow() {
    if (stage.isMaximized()) {
      settings.update(s -> s.withWindow(new WindowState(s.window().x(), s.window().y(), s.window().width(),
          s.window().height(), true)));
    } else {
      settings.update(s -> s.withWindow(new WindowState(stage.getX(), stage.getY(), stage.getWidth(),
          stage.getHeight(), false)));
    }
  }

  /** Shows the window; on a first start (nothing remembered) with {@code demoOnFirstStart} the demo opens. */
  public void show(boolean demoOnFirstStart) {
    stage.show();
    if (demoOnFirstStart && settings.get().recentZtocs().isEmpty() && settings.get().registries().isEmpty()) {
      // First start: show the demo image so the app is useful without any registry or files; after the first
      // frame, so the window appears as soon as possible.
      afterFirstFrame(this::openDemoImage);
    }
  }

  private static void afterFirstFrame(Runnable action) {
    new javafx.animation.AnimationTimer() {
      private int pulses;

      @Override
      public void handle(long now) {
        if (++pulses >= 2) {
          stop();
          action.run();
        }
      }
    }.start();
  }

  /** Generates the demo image on first use (off the FX thread) and shows it in the image view. */
  public void openDemoImage() {
    mainViewModel.modeProperty().set(MainViewModel.Mode.REGISTRY);
    registryViewModel.openDemo(demoImages);
  }

  public DemoImageStore demoImages() {
    return demoImages;
  }

  @Override
  public void close() {
    rememberWindow();
    tasks.close();
    registryService.close(); // local archives it opened, and their temporary copies
    settings.close();
  }

  public Stage stage() {
    return stage;
  }

  public Scene scene() {
    return scene;
  }

  public MainController main() {
    return main;
  }

  public MainViewModel mainViewModel() {
    return mainViewModel;
  }

  public ZtocWorkspace workspace() {
    return workspace;
  }

  public DocumentOpener opener() {
    return opener;
  }

  public PreviewViewModel previewViewModel() {
    return previewViewModel;
  }

  public dev.sociscope.app.browse.RegistryViewModel registryViewModel() {
    return registryViewModel;
  }

  public FileTreeViewModel treeViewModel() {
    return treeViewModel;
  }

  public ActivityLog activity() {
    return activity;
  }

  public AppSettings settings() {
    return settings;
  }

  public FxTaskRunner tasks() {
    return tasks;
  }
}
