package dev.sociscope.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.cli.TestImage;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.model.ActivityLog;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.core.io.TempFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GUI lets go of a local archive it opened (issue 14, finding 9): a gzip-compressed oci-archive is inflated
 * into a temporary tar while it is shown, and that copy is removed when the browser moves to another connection
 * or the app closes, not only when the process exits.
 */
class LocalSourceReleaseTest {
  @TempDir Path tmp;

  @Test
  void anArchiveIsClosedWhenReleasedAndWhenTheServiceCloses() throws Exception {
    Path layout = tmp.resolve("layout");
    new TestImage().file("a.txt", 0100644, "a").writeLayout(layout, "v1");
    Path archive = TestImage.packArchive(layout, tmp.resolve("image.tar.gz"));
    CoreRegistryService service = new CoreRegistryService(new ActivityLog(Clock.systemUTC()), tmp.resolve("cache"));
    RegistryConnection first = local("oci-archive:" + archive);
    service.connect(first, Progress.NONE);
    assertThat(service.tags(first, "image.tar.gz", Progress.NONE)).containsExactly("v1");
    Path copy = inflated();
    assertThat(copy).exists();
    service.release(first);
    assertThat(copy).doesNotExist();
    assertThat(inflatedCopies()).isZero();

    service.connect(first, Progress.NONE);
    assertThat(inflatedCopies()).isEqualTo(1);
    service.close();
    assertThat(inflatedCopies()).isZero();
  }

  private static RegistryConnection local(String url) {
    return new RegistryConnection(new SavedRegistry("archive", url, SavedRegistry.AuthMode.ANONYMOUS, "", false), "");
  }

  private static Path inflated() {
    return TempFiles.live().stream().filter(p -> p.getFileName().toString().startsWith("sociscope-archive-"))
        .findFirst().orElseThrow();
  }

  private static long inflatedCopies() {
    return TempFiles.live().stream().filter(p -> p.getFileName().toString().startsWith("sociscope-archive-"))
        .filter(Files::exists).count();
  }
}
