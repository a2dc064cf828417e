package dev.sociscope.app.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The UI text bundle ({@code messages.properties}); every visible string of the GUI comes from here. */
public final class Messages {
  public static final String BUNDLE = "dev.sociscope.app.messages";
  private static final ResourceBundle RESOURCES = ResourceBundle.getBundle(BUNDLE, Locale.ROOT);

  private Messages() {}

  public static ResourceBundle bundle() {
    return RESOURCES;
  }

  /** The text for {@code key}, formatted with {@link MessageFormat} when arguments are given. */
  public static String get(String key, Object... args) {
    String pattern;
    try {
      pattern = RESOURCES.getString(key);
    } catch (MissingResourceException e) {
      return "!" + key + "!";
    }
    return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.ROOT).format(args);
  }
}
