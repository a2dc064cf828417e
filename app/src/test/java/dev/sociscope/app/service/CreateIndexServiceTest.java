package dev.sociscope.app.service;

import dev.sociscope.app.model.CreateIndexResult;
import dev.sociscope.app.model.CreateIndexRequest;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.model.ImageDetails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.app.model.ActivityLog;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.testing.TestImages;
import dev.sociscope.core.workflow.CreateListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's service call on an OCI layout: v1 index next to the image, v2 SOCI-enabled image, both verified. */
class CreateIndexServiceTest {
  @TempDir Path temp;

  private RegistryConnection layout(Path dir) {
    return new RegistryConnection(new SavedRegistry("layout", "oci:" + dir, SavedRegistry.AuthMode.ANONYMOUS, "",
        false), "");
  }

  private CreateIndexRequest request(SociVersion version, List<String> events) {
    return new CreateIndexRequest("layout", "v1", false, "", version, 1 << 20, 0, new CreateListener() {
      @Override
      public void layerStarted(Descriptor layer, long total) {
        events.add("started " + layer.digest());
      }
    });
  }

  @Test
  void v1AndV2IndexesAreWrittenToTheLayoutAndFoundByDiscovery() throws Exception {
    Path dir = temp.resolve("layout");
    TestImages.singlePlatform(dir, "v1", Map.of("hello.txt", "hello\n"));
    CoreRegistryService service = new CoreRegistryService(new ActivityLog(Clock.systemUTC()), temp.resolve("cache"));
    List<String> events = new CopyOnWriteArrayList<>();

    CreateIndexResult v1 = service.createIndex(layout(dir), request(SociVersion.V1, events), Progress.NONE);
    assertThat(v1.verified()).isTrue();
    assertThat(v1.target()).isEqualTo("oci:" + dir + ":v1");
    assertThat(events).singleElement().asString().startsWith("started sha256:");
    ImageDetails image = service.image(layout(dir), "layout", "v1", null, Progress.NONE);
    assertThat(image.sociIndexes()).extracting(ImageDetails.SociIndexRow::digest)
        .containsExactlyElementsOf(v1.indexDigests());

    CreateIndexResult v2 = service.createIndex(layout(dir), request(SociVersion.V2, events), Progress.NONE);
    assertThat(v2.verified()).isTrue();
    assertThat(v2.target()).isEqualTo("oci:" + dir + ":v1-soci");
    assertThat(service.tags(layout(dir), "layout", Progress.NONE)).contains("v1", "v1-soci");
  }

  @Test
  void anArchiveIsReadOnly() throws Exception {
    Path dir = temp.resolve("layout");
    TestImages.singlePlatform(dir, "v1", Map.of("hello.txt", "hello\n"));
    Path tar = temp.resolve("x.tar");
    try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(Files.newOutputStream(tar));
        var files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(f.toFile(), dir.relativize(f).toString());
        out.putArchiveEntry(e);
        Files.copy(f, out);
        out.closeArchiveEntry();
      }
    }
    // Saved as earlier versions did ("archive:"); the kind is found by looking, and the archive cannot be written.
    RegistryConnection archive = new RegistryConnection(new SavedRegistry("a", "archive:" + tar,
        SavedRegistry.AuthMode.ANONYMOUS, "", false), "");
    CoreRegistryService service = new CoreRegistryService(new ActivityLog(Clock.systemUTC()), temp.resolve("cache"));
    assertThat(service.tags(archive, "x.tar", Progress.NONE)).containsExactly("v1");
    assertThatThrownBy(() -> service.createIndex(archive, request(SociVersion.V1, new CopyOnWriteArrayList<>()),
        Progress.NONE)).hasMessageContaining("read-only");
  }
}
