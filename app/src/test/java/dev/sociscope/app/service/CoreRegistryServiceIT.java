package dev.sociscope.app.service;

import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.model.ImageDetails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.app.model.ActivityLog;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.app.testing.RegistryFixture;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.testing.LocalRegistry;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry service against a real local registry, without the GUI. */
class CoreRegistryServiceIT {
  private static LocalRegistry registry;
  private static Digest sociIndex;
  private final CoreRegistryService service = new CoreRegistryService(new ActivityLog(Clock.systemUTC()));

  @BeforeAll
  static void start() throws Exception {
    registry = LocalRegistry.start();
    sociIndex = RegistryFixture.push(registry);
  }

  @AfterAll
  static void stop() {
    if (registry != null) { // null when the test was skipped for a missing tool
      registry.close();
    }
  }

  private static RegistryConnection connection(boolean allowPlainHttp) {
    return new RegistryConnection(new SavedRegistry("t", "http://" + registry.host(),
        SavedRegistry.AuthMode.ANONYMOUS, "", allowPlainHttp), "");
  }

  @Test
  void listsReadsAnImageWithItsSociIndexAndOpensTheZtoc() throws Exception {
    RegistryConnection c = connection(true);
    service.connect(c, Progress.NONE);
    assertThat(service.repositories(c, Progress.NONE)).containsExactly("demo/app", "other/tool");
    assertThat(service.tags(c, "demo/app", Progress.NONE)).contains("v1");
    ImageDetails image = service.image(c, "demo/app", "v1", null, Progress.NONE);
    assertThat(image.sociIndexes()).extracting(ImageDetails.SociIndexRow::digest)
        .containsExactly(sociIndex.toString());
    assertThat(image.layers()).singleElement().satisfies(l -> {
      assertThat(l.indexed()).isTrue();
      assertThat(l.spanSize()).isEqualTo(65536);
    });
    ZtocDocument doc = service.openZtoc(c, "demo/app", image.layers().get(0), Progress.NONE);
    assertThat(doc.tree().find("sub/text.txt")).isPresent();
    assertThat(doc.layer().orElseThrow().localFile()).isEmpty();

    ImageDetails plain = service.image(c, "other/tool", "latest", null, Progress.NONE);
    assertThat(plain.layers()).singleElement()
        .satisfies(l -> assertThat(l.sociStatus()).startsWith("not indexed: no SOCI index; with the default options: size ")
            .endsWith(" is below the min layer size 10485760"));
  }

  @Test
  void plainHttpMustBeAllowed() {
    assertThatThrownBy(() -> service.connect(connection(false), Progress.NONE))
        .hasMessageContaining("Allow plain HTTP");
  }
}
