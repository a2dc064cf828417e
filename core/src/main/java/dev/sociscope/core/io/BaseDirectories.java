package dev.sociscope.core.io;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where sociscope keeps its files, as Linux desktop programs do (XDG Base Directory specification): settings under
 * {@code $XDG_CONFIG_HOME/sociscope}, the zTOC/blob cache and the demo image under {@code $XDG_CACHE_HOME/sociscope},
 * falling back to {@code $HOME/.config} and {@code $HOME/.cache}. {@code $HOME} is read from the environment, not
 * from Java's {@code user.home} (which ignores it), so a user or a test can point the program elsewhere; Java's
 * value is used only when {@code HOME} is unset. Relative XDG values are ignored, as the specification says.
 *
 * @param home the user's home folder
 * @param config the base of configuration folders ({@code $XDG_CONFIG_HOME})
 * @param cache the base of cache folders ({@code $XDG_CACHE_HOME})
 */
public record BaseDirectories(Path home, Path config, Path cache) {
  private static final String APP = "sociscope";

  /** The folders of this process's environment. */
  public static BaseDirectories fromEnvironment() {
    return of(System.getenv());
  }

  /** The folders an environment names ({@code HOME}, {@code XDG_CONFIG_HOME}, {@code XDG_CACHE_HOME}). */
  public static BaseDirectories of(Map<String, String> env) {
    Path home = absolute(env.get("HOME"));
    if (home == null) {
      home = Path.of(System.getProperty("user.home"));
    }
    Path config = absolute(env.get("XDG_CONFIG_HOME"));
    Path cache = absolute(env.get("XDG_CACHE_HOME"));
    return new BaseDirectories(home, config != null ? config : home.resolve(".config"),
        cache != null ? cache : home.resolve(".cache"));
  }

  /** sociscope's settings folder: {@code <config>/sociscope}. */
  public Path appConfig() {
    return config.resolve(APP);
  }

  /** sociscope's cache folder (zTOCs, indexes, the demo image): {@code <cache>/sociscope}. */
  public Path appCache() {
    return cache.resolve(APP);
  }

  /** Docker's configuration folder: {@code $DOCKER_CONFIG}, else {@code <home>/.docker}. */
  public static Path dockerConfig(Map<String, String> env) {
    String dir = env.get("DOCKER_CONFIG");
    return dir != null && !dir.isBlank() ? Path.of(dir) : of(env).home().resolve(".docker");
  }

  private static Path absolute(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      Path p = Path.of(value);
      return p.isAbsolute() ? p : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
