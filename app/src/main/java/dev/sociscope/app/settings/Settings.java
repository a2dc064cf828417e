package dev.sociscope.app.settings;

import java.util.List;

/**
 * Everything the app remembers between runs. Stored as JSON in {@code ~/.config/sociscope/settings.json}.
 *
 * @param theme {@code light} or {@code dark}
 * @param recentZtocs paths of zTOC files opened lately, newest first
 */
public record Settings(WindowState window, String theme, boolean activityVisible, List<SavedRegistry> registries,
    List<String> recentZtocs) {
  public static final int MAX_RECENT = 10;
  public static final Settings DEFAULT = new Settings(WindowState.DEFAULT, "light", false, List.of(), List.of());

  public Settings {
    window = window == null ? WindowState.DEFAULT : window;
    theme = "dark".equals(theme) ? "dark" : "light";
    registries = registries == null ? List.of() : List.copyOf(registries);
    recentZtocs = recentZtocs == null ? List.of() : List.copyOf(recentZtocs);
  }

  public Settings withWindow(WindowState w) {
    return new Settings(w, theme, activityVisible, registries, recentZtocs);
  }

  public Settings withTheme(String t) {
    return new Settings(window, t, activityVisible, registries, recentZtocs);
  }

  public Settings withActivityVisible(boolean visible) {
    return new Settings(window, theme, visible, registries, recentZtocs);
  }

  public Settings withRegistries(List<SavedRegistry> r) {
    return new Settings(window, theme, activityVisible, r, recentZtocs);
  }

  /** Puts {@code path} first in the recent list, dropping duplicates and the oldest beyond {@link #MAX_RECENT}. */
  public Settings withRecentZtoc(String path) {
    java.util.ArrayList<String> list = new java.util.ArrayList<>(recentZtocs);
    list.remove(path);
    list.add(0, path);
    return new Settings(window, theme, activityVisible, registries,
        list.subList(0, Math.min(MAX_RECENT, list.size())));
  }
}
