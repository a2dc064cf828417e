package dev.sociscope.app.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sociscope.core.io.BaseDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes {@link Settings} as JSON, atomically, tolerating a missing or damaged file. */
public final class SettingsStore {
  private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;

  public SettingsStore(Path directory) {
    this.file = directory.resolve("settings.json");
  }

  /**
   * The system property {@code sociscope.config.dir}, else {@code $XDG_CONFIG_HOME/sociscope}, else
   * {@code $HOME/.config/sociscope} (core's {@link BaseDirectories}).
   */
  public static Path defaultDirectory() {
    String override = System.getProperty("sociscope.config.dir");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    return BaseDirectories.fromEnvironment().appConfig();
  }

  public Path file() {
    return file;
  }

  /** The stored settings, or the defaults when there are none or they cannot be read. */
  public Settings load() {
    if (!Files.exists(file)) {
      return Settings.DEFAULT;
    }
    try {
      Settings s = JSON.readValue(file.toFile(), Settings.class);
      return s == null ? Settings.DEFAULT : s;
    } catch (IOException | RuntimeException e) {
      LOG.warn("Ignoring unreadable settings file {}: {}", file, e.getMessage());
      return Settings.DEFAULT;
    }
  }

  /** Writes the settings (temp file then atomic move). */
  public void save(Settings settings) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), "settings", ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), settings);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
