package dev.sociscope.app.common;

/** Style-class names used from Java; the CSS defines them in {@code sociscope.css}. */
public final class Styles {
  public static final String STYLESHEET = "/dev/sociscope/app/gui/sociscope.css";
  public static final String DARK = "dark";
  public static final String MONO = "mono";
  public static final String MUTED = "muted";
  public static final String ERROR = "error-text";
  public static final String EMPTY_STATE = "empty-state";
  public static final String SPAN_HIGHLIGHTED = "span-highlighted";

  private Styles() {}
}
