package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.format.FileMode;
import dev.sociscope.core.testing.MixedLayerImage;
import dev.sociscope.core.ztoc.EntryType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ls -l} shows setuid, setgid and sticky bits as the GUI does (both use core's FileMode). */
class LsModesTest {
  @TempDir
  Path tmp;

  @Test
  void aSetuidFileShowsRwsAndSizeFlagsTakeUnits() {
    Path layout = tmp.resolve("layout");
    try {
      MixedLayerImage.write(layout);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String ref = "oci:" + layout + ":" + MixedLayerImage.FILES;
    CliTestSupport.Result created = CliTestSupport.run("create", ref, "--min-layer-size", "0", "--span-size", "64KiB",
        "--build-tool-id", "sociscope test", "--push");
    assertThat(created.exitCode()).as(created.err()).isZero();
    CliTestSupport.Result ls = CliTestSupport.run("ls", ref, "/app", "-l");
    assertThat(ls.exitCode()).as(ls.err()).isZero();
    assertThat(ls.out().lines().filter(l -> l.endsWith(" bin")).findFirst().orElseThrow())
        .startsWith("-rwsr-xr-x ").startsWith(FileMode.ls(EntryType.REG, 04755));

    CliTestSupport.Result bad = CliTestSupport.run("create", ref, "--span-size", "4 bananas");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("'4 bananas' is not a byte size");
  }
}
