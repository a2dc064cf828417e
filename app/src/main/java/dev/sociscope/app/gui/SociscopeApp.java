package dev.sociscope.app.gui;

import dev.sociscope.app.service.LocalZtocService;
import dev.sociscope.app.service.LazyFileContentService;
import dev.sociscope.app.settings.SettingsStore;
import dev.sociscope.core.ztoc.ZtocReader;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.stage.Stage;

/** The desktop inspector's JavaFX application; {@code Launcher} starts it. */
public final class SociscopeApp extends Application {
  private AppContext context;

  public static void launchGui(String[] args) {
    Application.launch(SociscopeApp.class, args);
  }

  /** The production services: zTOCs from disk, contents read lazily (only the spans a file needs). */
  public static AppContext.Services defaultServices(Path configDir) {
    return new AppContext.Services(new LocalZtocService(ZtocReader::read, configDir.resolve("cache")),
        new LazyFileContentService(),
        activity -> new dev.sociscope.app.service.CoreRegistryService(activity, configDir.resolve("ztoc-cache")));
  }

  @Override
  public void start(Stage stage) {
    Path configDir = SettingsStore.defaultDirectory();
    context = new AppContext(stage, new SettingsStore(configDir), defaultServices(configDir));
    context.installUncaughtExceptionHandler();
    StartupSmokeTest.attach(stage);
    context.show(true);
  }
}
