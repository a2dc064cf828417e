package dev.sociscope.app.settings;

import java.util.List;

/**
 * Everything the app remembers between runs. Stored as JSON in {@code ~/.config/sociscope/settings.json}.
 *
 * @param theme {@code light} or {@code dark}
 * @param recentZtocs paths of zTOC files opened lately, newest first
 * @param dividers split pane divider positions (0..1) by the name of the split, e.g. {@code files.preview.side}
 */
public record Settings(WindowState window, String theme, boolean activityVisible, List<SavedRegistry> registries,
    List<String> recentZtocs, java.util.Map<String, Double> dividers) {
  public static final int MAX_RECENT = 10;
  public static final Settings DEFAULT = new Settings(WindowState.DEFAULT, "light", false, List.of(), List.of());

  public Settings {
    window = window == null ? WindowState.DEFAULT : window;
    theme = "dark".equals(theme) ? "dark" : "light";
    registries = registries == null ? List.of() : List.copyOf(registries);
    recentZtocs = recentZtocs == null ? List.of() : List.copyOf(recentZtocs);
    dividers = dividers == null ? java.util.Map.of() : java.util.Map.copyOf(dividers);
  }

  /** Settings without divider positions (as before they were remembered). */
  public Settings(WindowState window, String theme, boolean activityVisible, List<SavedRegistry> registries,
      List<String> recentZtocs) {
    this(window, theme, activityVisible, registries, recentZtocs, java.util.Map.of());
  }

  /** The remembered position of the divider {@code name}, or {@code fallback}. */
  public double divider(String name, double fallback) {
    Double d = dividers.get(name);
    return d == null || d.isNaN() || d < 0.05 || d > 0.95 ? fallback : d;
  }

  public Settings withDivider(String name, double position) {
    java.util.Map<String, Double> d = new java.util.HashMap<>(dividers);
    d.put(name, position);
    return new Settings(window, theme, activityVisible, registries, recentZtocs, d);
  }

  public Settings withWindow(WindowState w) {
    return new Settings(w, theme, activityVisible, registries, recentZtocs, dividers);
  }

  public Settings withTheme(String t) {
    return new Settings(window, t, activityVisible, registries, recentZtocs, dividers);
  }

  public Settings withActivityVisible(boolean visible) {
    return new Settings(window, theme, visible, registries, recentZtocs, dividers);
  }

  public Settings withRegistries(List<SavedRegistry> r) {
    return new Settings(window, theme, activityVisible, r, recentZtocs, dividers);
  }

  /** Puts {@code path} first in the recent list, dropping duplicates and the oldest beyond {@link #MAX_RECENT}. */
  public Settings withRecentZtoc(String path) {
    java.util.ArrayList<String> list = new java.util.ArrayList<>(recentZtocs);
    list.remove(path);
    list.add(0, path);
    return new Settings(window, theme, activityVisible, registries,
        list.subList(0, Math.min(MAX_RECENT, list.size())), dividers);
  }
}
