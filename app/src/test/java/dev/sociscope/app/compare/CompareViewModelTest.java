package dev.sociscope.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.cli.CliTestSupport;
import dev.sociscope.app.model.ActivityLog;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.service.CoreRegistryService;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.app.testing.DirectTaskRunner;
import dev.sociscope.core.testing.MixedLayerImage;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compare view shows core's index diff: two images that differ in one file show exactly that file. */
class CompareViewModelTest {
  @TempDir
  Path tmp;

  @Test
  void twoImagesDifferingInOneFile() throws Exception {
    Path layout = tmp.resolve("layout");
    MixedLayerImage.write(layout);
    for (String tag : new String[] {MixedLayerImage.FILES, MixedLayerImage.FILES_CHANGED}) {
      CliTestSupport.Result r = CliTestSupport.run("create", "oci:" + layout + ":" + tag, "--min-layer-size", "0",
          "--span-size", "64KiB", "--push");
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    RegistryConnection c = new RegistryConnection(new SavedRegistry("layout", "oci:" + layout,
        SavedRegistry.AuthMode.ANONYMOUS, "", false), "");
    CompareViewModel vm = new CompareViewModel(new CoreRegistryService(new ActivityLog(Clock.systemUTC()),
        tmp.resolve("cache")), new DirectTaskRunner());
    vm.compare(c, "layout", MixedLayerImage.FILES, MixedLayerImage.FILES_CHANGED);
    assertThat(vm.lines()).hasSize(3);
    assertThat(vm.lines().get(0)).startsWith("reused  sha256:").endsWith("0 file change(s)");
    assertThat(vm.lines().get(1)).startsWith("replaced  sha256:").endsWith("1 file change(s)");
    assertThat(vm.lines().get(2)).isEqualTo("    ~ /app/lib.so: size 196608 -> 196609");
    assertThat(vm.summaryProperty().get()).contains("2 layer(s)");
  }
}
