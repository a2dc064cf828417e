package dev.sociscope.app.settings;

/** Where the main window was and how big, so the next start puts it back. */
public record WindowState(double x, double y, double width, double height, boolean maximized) {
  public static final WindowState DEFAULT = new WindowState(Double.NaN, Double.NaN, 1280, 800, false);
}
