package dev.sociscope.core.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real programs that integration tests drive (the CNCF registry, skopeo, umoci, htpasswd, gzip). On a developer
 * machine without one of them, the tests that need it are skipped with a message naming the Debian package. Under CI
 * ({@code CI=true}, as CI runs {@code .ci/run}) or with {@code -Dsociscope.requireTools=true}, a missing program is a
 * failure instead, so a broken install can never pass as a green run with skipped tests.
 */
public final class ExternalTools {
  private static final Map<String, String> PACKAGES = Map.of(
      "docker-registry", "docker-registry",
      "skopeo", "skopeo",
      "umoci", "umoci",
      "htpasswd", "apache2-utils",
      "gzip", "gzip",
      "tar", "tar");

  private ExternalTools() {}

  /** Stops a server the tests started: asked to end, then killed if it has not within 5 s. */
  public static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Skips (or, under CI, fails) the calling test unless {@code program} is installed. */
  public static void require(String program) {
    if (isInstalled(program)) {
      return;
    }
    String message = program + " is not installed (Debian package " + PACKAGES.getOrDefault(Path.of(program).getFileName().toString(), program)
        + "; .ci/run installs it)";
    if (required()) {
      throw new IllegalStateException(message);
    }
    Assumptions.assumeTrue(false, message + ": test skipped");
  }

  static boolean required() {
    return Boolean.getBoolean("sociscope.requireTools") || "true".equalsIgnoreCase(System.getenv("CI"));
  }

  static boolean isInstalled(String program) {
    if (program.contains("/")) {
      return Files.isExecutable(Path.of(program));
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
