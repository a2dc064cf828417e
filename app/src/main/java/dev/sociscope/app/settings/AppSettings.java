package dev.sociscope.app.settings;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The live settings of the running app; every change is written to disk on a background thread. */
public final class AppSettings implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AppSettings.class);

  private final SettingsStore store;
  private final ReadOnlyObjectWrapper<Settings> current;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "sociscope-settings");
    t.setDaemon(true);
    return t;
  });

  public AppSettings(SettingsStore store, Settings initial) {
    this.store = store;
    this.current = new ReadOnlyObjectWrapper<>(initial);
  }

  public ReadOnlyObjectProperty<Settings> property() {
    return current.getReadOnlyProperty();
  }

  public Settings get() {
    return current.get();
  }

  public void update(UnaryOperator<Settings> change) {
    Settings next = change.apply(current.get());
    current.set(next);
    if (writer.isShutdown()) {
      // a late change (a debounced divider position, after the window closed) is written at once, not lost
      write(next);
      return;
    }
    writer.execute(() -> write(next));
  }

  private void write(Settings s) {
    try {
      store.save(s);
    } catch (IOException e) {
      LOG.warn("Could not save settings to {}: {}", store.file(), e.getMessage());
    }
  }

  /** Waits briefly for pending writes, so the last change survives quitting. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
