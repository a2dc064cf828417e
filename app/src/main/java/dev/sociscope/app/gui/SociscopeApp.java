package dev.sociscope.app.gui;

import dev.sociscope.app.service.LocalZtocService;
import dev.sociscope.app.service.LazyFileContentService;
import dev.sociscope.app.settings.SettingsStore;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.ztoc.ZtocReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.image.Image;
import javafx.application.Application;
import javafx.stage.Stage;

/** The desktop inspector's JavaFX application; {@code Launcher} starts it. */
public final class SociscopeApp extends Application {
  private static final int[] ICON_SIZES = {16, 32, 48, 64, 128, 256};

  private AppContext context;

  /** The settings, read (with Jackson's classes loaded) on another thread while the JavaFX toolkit starts. */
  private static java.util.concurrent.CompletableFuture<dev.sociscope.app.settings.Settings> earlySettings;

  public static void launchGui(String[] args) {
    StartupTrace.mark("launch");
    Path configDir = SettingsStore.defaultDirectory();
    earlySettings = java.util.concurrent.CompletableFuture.supplyAsync(() -> new SettingsStore(configDir).load());
    Application.launch(SociscopeApp.class, args);
  }

  /** The production services with every file under one folder (tests: a throw-away folder). */
  public static AppContext.Services defaultServices(Path configDir) {
    return servicesWithCache(configDir.resolve("cache"));
  }

  /**
   * The production services: zTOCs from disk, contents read lazily (only the spans a file needs), the zTOC/blob
   * cache (shared with the CLI), the demo image and unpacked demo layer under {@code cacheDir}.
   */
  public static AppContext.Services servicesWithCache(Path cacheDir) {
    return new AppContext.Services(new LocalZtocService(ZtocReader::read, cacheDir.resolve("local")),
        new LazyFileContentService(),
        activity -> new dev.sociscope.app.service.CoreRegistryService(activity, cacheDir), cacheDir);
  }

  /** The cache writes a read left in the background (zTOCs, lookup files) get a moment to finish. */
  @Override
  public void stop() {
    dev.sociscope.core.layout.CacheWrites.await(java.time.Duration.ofSeconds(5));
  }

  @Override
  public void start(Stage stage) {
    StartupTrace.mark("FX start()");
    Path configDir = SettingsStore.defaultDirectory();
    SettingsStore store = new SettingsStore(configDir);
    dev.sociscope.app.settings.Settings initial = earlySettings == null ? store.load() : earlySettings.join();
    context = new AppContext(stage, store, initial, servicesWithCache(ZtocCache.defaultDir()));
    StartupTrace.mark("context built");
    context.installUncaughtExceptionHandler();
    Optional<String> reference = referenceArgument(getParameters().getRaw());
    // With an image to open, the smoke test waits until it is shown (the window title then names it).
    StartupSmokeTest.attach(stage, reference.isPresent()
        ? context.registryViewModel().imageProperty().isNotNull() : null);
    stage.getIcons().setAll(icons());
    Optional<Path> ztoc = ztocArgument(getParameters().getRaw());
    context.show(ztoc.isEmpty() && reference.isEmpty());
    ztoc.ifPresent(p -> context.opener().open(p, Optional.empty()));
    reference.ifPresent(context::openReference);
  }

  /** The argument {@code sociscope open REF} passes to the GUI. */
  static final String OPEN_PREFIX = "--open=";

  /** Starts the GUI on the image {@code reference} names (blocks until the window closes). */
  public static void launchGuiOn(String reference) {
    launchGui(new String[] {OPEN_PREFIX + reference});
  }

  /** The image reference to open, when the app was started by {@code sociscope open REF}. */
  static Optional<String> referenceArgument(List<String> raw) {
    if (raw.size() == 1 && raw.get(0).startsWith(OPEN_PREFIX)) {
      return Optional.of(raw.get(0).substring(OPEN_PREFIX.length()));
    }
    return Optional.empty();
  }

  /** The window icons in every size the desktop might ask for. */
  static List<Image> icons() {
    List<Image> out = new ArrayList<>();
    for (int size : ICON_SIZES) {
      String resource = "/dev/sociscope/app/icons/sociscope-" + size + ".png";
      try (InputStream in = SociscopeApp.class.getResourceAsStream(resource)) {
        if (in != null) {
          out.add(new Image(in));
        }
      } catch (IOException e) {
        // a missing icon leaves the desktop's default; nothing else depends on it
      }
    }
    return out;
  }

  /** The zTOC to open when the desktop started the app with one {@code .ztoc} file (Launcher lets only that through). */
  static Optional<Path> ztocArgument(List<String> raw) {
    if (raw.size() == 1 && raw.get(0).toLowerCase(Locale.ROOT).endsWith(".ztoc")) {
      return Optional.of(Path.of(raw.get(0)));
    }
    return Optional.empty();
  }
}
