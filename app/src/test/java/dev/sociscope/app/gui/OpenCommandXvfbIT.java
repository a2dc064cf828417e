package dev.sociscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.testing.RegistryFixture;
import dev.sociscope.core.testing.LocalRegistry;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sociscope open REF} and {@code sociscope REF} as a user runs them: the real launcher in its own JVM, on a
 * real X server (Xvfb, through xvfb-run), from a fresh home folder. The start-up smoke hook prints the window title
 * once the image is shown and closes the window, so the test sees what the title bar says and where the settings
 * and the cache went.
 */
class OpenCommandXvfbIT {
  @TempDir Path temp;

  private record Run(int exit, String out) {}

  private Run launch(Map<String, String> env, String... args) throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x1024x24",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dprism.order=sw",
        "-cp", classPath, "dev.sociscope.app.Launcher"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("XDG_") || k.equals("DOCKER_CONFIG"));
    pb.environment().put("SOCISCOPE_SMOKE_TEST", "1");
    pb.environment().putAll(env);
    Path log = Files.createTempFile(temp, "run", ".log");
    Process p = pb.redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the app did not exit: " + Files.readString(log));
    }
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  @Test
  void openShowsTheRegistryImageInTheWindowTitleFromAFreshHome() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start()) {
      RegistryFixture.push(registry);
      Path home = Files.createDirectories(temp.resolve("home"));

      Run run = launch(Map.of("HOME", home.toString()), "open", registry.host() + "/demo/app:v1");

      assertThat(run.exit()).as(run.out()).isZero();
      assertThat(run.out()).contains("window title: demo/app:v1");
      // $HOME from the environment, not Java's user.home: settings and cache went into the fresh home
      assertThat(home.resolve(".config/sociscope/settings.json")).content().contains(registry.host());
      assertThat(home.resolve(".cache/sociscope/store/oci-layout")).exists();
    }
  }

  @Test
  void aLoneReferenceOpensTooAndXdgFoldersAreHonoured() throws Exception {
    Path layout = temp.resolve("my-layout");
    dev.sociscope.core.testing.TestImages.singlePlatform(layout, "v2", Map.of("hello.txt", "hi"));
    Path home = Files.createDirectories(temp.resolve("home2"));
    Path config = temp.resolve("xdg-config");
    Path cache = temp.resolve("xdg-cache");

    Run run = launch(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", config.toString(),
        "XDG_CACHE_HOME", cache.toString()), "oci:" + layout + ":v2");

    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.out()).contains("window title: my-layout:v2");
    assertThat(config.resolve("sociscope/settings.json")).content().contains("oci:" + layout);
    assertThat(cache.resolve("sociscope/store/oci-layout")).exists();
    assertThat(home.resolve(".config")).doesNotExist();
    assertThat(home.resolve(".cache")).doesNotExist();
  }

  @Test
  void aMalformedReferenceIsOneLineAndNoWindow() throws Exception {
    Run run = launch(Map.of("HOME", temp.toString()), "open", "Bad Reference!");
    assertThat(run.exit()).as(run.out()).isNotZero();
    assertThat(run.out()).doesNotContain("window title").doesNotContain("Exception");
    assertThat(run.out().lines().filter(l -> l.startsWith("sociscope:")).count()).as(run.out()).isEqualTo(1);
  }
}
