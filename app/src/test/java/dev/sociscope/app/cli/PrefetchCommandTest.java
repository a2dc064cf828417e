package dev.sociscope.app.cli;

import dev.sociscope.core.format.ShortDigest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.PrefetchArtifact;
import dev.sociscope.core.soci.SociIndex;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.testing.MixedLayerImage;
import dev.sociscope.core.workflow.CreateListener;
import dev.sociscope.core.workflow.CreatedIndex;
import dev.sociscope.core.workflow.SociService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sociscope prefetch list|info} on the layout image {@code files} indexed with prefetch paths. */
class PrefetchCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;
  NewCommandsTestSupport t;
  String ref;
  SociIndex index;
  String indexDigest;
  List<Descriptor> imageLayers;
  List<Descriptor> artifacts;

  @BeforeEach
  void indexWithPrefetches() throws Exception {
    t = new NewCommandsTestSupport(tmp);
    ref = t.ref(MixedLayerImage.FILES);
    SociService soci = new SociService(RegistryClient.builder().build(), new ZtocCache(tmp.resolve("cache")));
    SociIndexOptions options = SociIndexOptions.defaults(SociVersion.V1).withMinLayerSize(0)
        .withSpanSize(MixedLayerImage.SPAN_SIZE).withPrefetchPaths(List.of("/app/bin", "app/lib.so"));
    CreatedIndex created = soci.create(ref, SociService.CreateRequest.defaults().withOptions(options)
        .pushing(true), CreateListener.NONE, new Cancellation()).created().get(0);
    index = created.build().index();
    indexDigest = created.build().digest().toString();
    imageLayers = created.manifest().manifest().manifest().layers();
    artifacts = index.manifest().layers().stream().filter(d -> d.mediaType().equals(MediaType.SOCI_PREFETCH))
        .toList();
    assertThat(artifacts).hasSize(2);
  }

  private PrefetchArtifact artifact(int i) throws Exception {
    return PrefetchArtifact.parse(Files.readAllBytes(OciLayout.open(t.layout).blobPath(artifacts.get(i).digest())));
  }

  @Test
  void listShowsEachArtifactWithItsLayerIndexAndSpans() throws Exception {
    JsonNode list = JSON.readTree(t.ok("prefetch", "list", ref, "--json").out());
    assertThat(list).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode a = list.get(i);
      assertThat(a.get("layer").asText()).isEqualTo(imageLayers.get(i).digest().toString());
      assertThat(a.get("index").asText()).isEqualTo(indexDigest);
      assertThat(a.get("artifact").asText()).isEqualTo(artifacts.get(i).digest().toString());
      assertThat(a.get("platform").asText()).isEqualTo("linux/amd64");
      assertThat(a.get("problem").isNull()).isTrue();
      PrefetchArtifact expected = artifact(i);
      assertThat(a.get("spans")).hasSize(expected.spans().size());
      assertThat(a.get("spans").get(0).get("start_span").asInt()).isEqualTo(expected.spans().get(0).startSpan());
      assertThat(a.get("spans").get(0).get("end_span").asInt()).isEqualTo(expected.spans().get(0).endSpan());
    }
    PrefetchArtifact first = artifact(0);
    String text = t.ok("prefetch", "list", ref).out();
    assertThat(text).contains("PLATFORM", "LAYER", "INDEX", "ARTIFACT", "SPANS", "RANGES")
        .contains("linux/amd64  " + imageLayers.get(0).digest() + "  " + indexDigest.substring(0, 19) + "  "
            + ShortDigest.of(artifacts.get(0).digest()) + "  ")
        .contains(first.spans().get(0).startSpan() + "-" + first.spans().get(0).endSpan());
  }

  @Test
  void infoTakesAUniquePrefixAndShowsEveryRange() throws Exception {
    Descriptor layer = imageLayers.get(1);
    CliTestSupport.Result r = t.ok("prefetch", "info", ref, layer.digest().hex().substring(0, 10));
    PrefetchArtifact expected = artifact(1);
    assertThat(r.out()).contains("layer:     " + layer.digest())
        .contains("index:     " + indexDigest + " (v1, via referrers)")
        .contains("artifact:  " + artifacts.get(1).digest())
        .contains("FIRST SPAN  LAST SPAN  SPANS  PRIORITY")
        .containsPattern("(?m)^" + expected.spans().get(0).startSpan() + " +" + expected.spans().get(0).endSpan()
            + " +\\d+ +0$");
    JsonNode json = JSON.readTree(t.ok("prefetch", "info", ref, layer.digest().toString(), "--json").out());
    assertThat(json).singleElement().satisfies(a -> assertThat(a.get("layer").asText())
        .isEqualTo(layer.digest().toString()));

    assertThat(t.expect(1, "prefetch", "info", ref, "sha256:" + "0".repeat(64)).err())
        .startsWith("sociscope: no prefetch artifact for layer sha256:" + "0".repeat(64))
        .contains("layers with one: ").contains(imageLayers.get(0).digest().shortHex());
    assertThat(t.expect(1, "prefetch", "info", ref, "xyz").err()).contains("is not a layer digest");
    assertThat(t.expect(1, "prefetch", "info", ref, "").err()).contains("is not a layer digest");
  }

  @Test
  void aMissingArtifactBlobIsShownAsAProblem() throws Exception {
    Files.delete(OciLayout.open(t.layout).blobPath(artifacts.get(0).digest()));
    JsonNode list = JSON.readTree(t.ok("prefetch", "list", ref, "--json").out());
    assertThat(list.get(0).get("problem").asText()).isNotEmpty();
    assertThat(list.get(0).has("spans")).isFalse();
    assertThat(list.get(1).get("problem").isNull()).isTrue();
    assertThat(t.ok("prefetch", "info", ref, imageLayers.get(0).digest().toString()).out())
        .contains("problem:   ");
  }

  @Test
  void anImageWithoutArtifactsSaysSo() throws Exception {
    CliTestSupport.Result r = t.ok("prefetch", "list", t.ref(MixedLayerImage.MIXED));
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("no prefetch artifact found for ");
    assertThat(t.ok("prefetch", "list", t.ref(MixedLayerImage.MIXED), "--json").out().strip()).isEqualTo("[ ]");
    CliTestSupport.Result usage = CliTestSupport.run("prefetch");
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.err()).contains("Missing a prefetch subcommand");
  }
}
