package dev.sociscope.app.gui;

import dev.sociscope.app.common.DialogService;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.core.format.ByteSize;
import dev.sociscope.core.layout.ZtocCache;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * File > Clear cache: the size of the zTOC/blob cache (core's {@link ZtocCache}, the folder the CLI uses too),
 * measured off the FX thread when the menu opens, and clearing it.
 */
public final class CacheViewModel {
  private final Path dir;
  private final TaskRunner tasks;
  private final DialogService dialogs;
  private final ReadOnlyObjectWrapper<ZtocCache.Usage> usage = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper menuText = new ReadOnlyStringWrapper(Messages.get("menu.file.clearCache"));
  private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");

  public CacheViewModel(Path dir, TaskRunner tasks, DialogService dialogs) {
    this.dir = dir;
    this.tasks = tasks;
    this.dialogs = dialogs;
  }

  public Path dir() {
    return dir;
  }

  /** Measures the cache (blocking work on a task thread); the menu item then names the size. */
  public void measure() {
    tasks.runQuietly(Messages.get("task.cacheSize"), p -> new ZtocCache(dir).usage(), this::show, e -> { });
  }

  /** Empties the cache and says how much was freed. */
  public void clear() {
    tasks.run(Messages.get("task.clearCache"), p -> {
      ZtocCache cache = new ZtocCache(dir);
      ZtocCache.Usage before = cache.usage();
      cache.clear();
      return new ZtocCache.Usage[] {before, cache.usage()};
    }, both -> {
      long freed = Math.max(0, both[0].bytes() - both[1].bytes());
      result.set(Messages.get("cache.cleared", ByteSize.human(freed), dir));
      show(both[1]);
    }, e -> dialogs.showError(Messages.get("cache.clearFailed"), e));
  }

  private void show(ZtocCache.Usage u) {
    usage.set(u);
    menuText.set(Messages.get("menu.file.clearCache.size", ByteSize.human(u.bytes())));
  }

  /** What the cache held when last measured, or null. */
  public ReadOnlyObjectProperty<ZtocCache.Usage> usageProperty() {
    return usage.getReadOnlyProperty();
  }

  /** "Clear cache (12.3 MiB)…" once measured. */
  public ReadOnlyStringProperty menuTextProperty() {
    return menuText.getReadOnlyProperty();
  }

  /** What the last clearing freed, for the status line. */
  public ReadOnlyStringProperty resultProperty() {
    return result.getReadOnlyProperty();
  }
}
