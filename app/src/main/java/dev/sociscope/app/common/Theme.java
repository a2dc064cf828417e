package dev.sociscope.app.common;

import javafx.scene.Scene;

/** Light or dark: the dark palette is the same stylesheet with the {@code dark} class on the root. */
public enum Theme {
  LIGHT, DARK;

  public static Theme parse(String text) {
    return "dark".equalsIgnoreCase(text) ? DARK : LIGHT;
  }

  public String settingsName() {
    return this == DARK ? "dark" : "light";
  }

  public Theme other() {
    return this == DARK ? LIGHT : DARK;
  }

  /** Puts the stylesheet on {@code scene} and switches its root to this theme. */
  public void applyTo(Scene scene) {
    String css = Theme.class.getResource(Styles.STYLESHEET).toExternalForm();
    if (!scene.getStylesheets().contains(css)) {
      scene.getStylesheets().add(css);
    }
    scene.getRoot().getStyleClass().remove(Styles.DARK);
    if (this == DARK) {
      scene.getRoot().getStyleClass().add(Styles.DARK);
    }
  }
}
