package dev.sociscope.core.soci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefetchPlannerTest {
  private static final Digest PAX = Digest.parse(
      "sha256:af699d4f9fd4b6148f8590c8d6c29e15d3a0c27c0f699d0b1d05f9e64e6e3a21");

  private static PrefetchPlanner.IndexedLayer layer(String ztocFile, Digest digest) throws Exception {
    Ztoc ztoc = ZtocReader.read(Vectors.bytes(ztocFile));
    return new PrefetchPlanner.IndexedLayer(digest, ztoc, Zinfo.of(ztoc));
  }

  private static PrefetchPlanner.IndexedLayer pax() throws Exception {
    return layer("ztoc/pax.tar.gz.span-1MiB.ztoc", PAX);
  }

  @Test
  void spanRangeOfEveryRegularFileMatchesTheVectors() throws Exception {
    PrefetchPlanner.IndexedLayer pax = pax();
    JsonNode layer = null;
    for (JsonNode l : Vectors.manifest().get("layers")) {
      if (l.get("digest").asText().equals(PAX.toString())) {
        layer = l;
      }
    }
    int checked = 0;
    for (JsonNode entry : layer.get("entries")) {
      if (!entry.get("type").asText().equals("reg") || entry.get("name").asText().startsWith("./")
          || entry.get("name").asText().equals("dup/same-name.txt")) {
        continue;
      }
      PrefetchPlanner.Plan plan = PrefetchPlanner.plan(List.of("/" + entry.get("name").asText()), List.of(pax));
      JsonNode spans = entry.get("spans").get("1048576");
      assertThat(plan.prefetches().get(0).artifact().spans())
          .as(entry.get("name").asText())
          .containsExactly(new PrefetchArtifact.Span(spans.get(0).asInt(), spans.get(1).asInt(), 0));
      checked++;
    }
    assertThat(checked).isGreaterThan(20);
  }

  @Test
  void mergesAdjacentRangesAndWritesOneBlobPerLayer() throws Exception {
    PrefetchPlanner.Plan plan = PrefetchPlanner.plan(
        List.of("after-big.txt", "/etc/tiny.txt", "big/compressible.txt", "/no/such/file"), List.of(pax()));
    assertThat(plan.prefetches()).hasSize(1);
    PrefetchPlanner.LayerPrefetch p = plan.prefetches().get(0);
    assertThat(new String(p.bytes(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"version\":\"1.0\",\"prefetch_spans\":[{\"start_span\":0,\"end_span\":0},{\"start_span\":2,\"end_span\":5}]}");
    assertThat(p.descriptor().descriptor().mediaType()).isEqualTo(MediaType.SOCI_PREFETCH);
    assertThat(p.descriptor().descriptor().digest()).isEqualTo(Digest.of(p.bytes()));
    assertThat(p.descriptor().descriptor().annotations())
        .containsExactly(java.util.Map.entry(SociAnnotations.IMAGE_LAYER_DIGEST, PAX.toString()));
    assertThat(plan.warnings()).singleElement().asString().contains("/no/such/file");
  }

  @Test
  void mergeRule() {
    assertThat(PrefetchPlanner.merge(List.of(span(7, 7), span(0, 2), span(3, 3), span(5, 6), span(1, 1))))
        .containsExactly(span(0, 3), span(5, 7));
  }

  @Test
  void topmostLayerWins() throws Exception {
    Digest lower = Digest.of(new byte[] {1});
    PrefetchPlanner.Plan plan = PrefetchPlanner.plan(List.of("etc/tiny.txt"),
        List.of(layer("ztoc/pax.tar.gz.span-1MiB.ztoc", lower), pax()));
    assertThat(plan.prefetches()).singleElement()
        .satisfies(p -> assertThat(p.descriptor().layerDigest()).isEqualTo(PAX));
  }

  @ParameterizedTest
  @CsvSource({"/app/./x, app/x", "app//x/, app/x", "../../etc/passwd, etc/passwd", "/a/b/../c, a/c", "/, ''"})
  void normalizesAsGoPathClean(String in, String out) {
    assertThat(PrefetchPlanner.normalize(in)).isEqualTo(out);
  }

  @Test
  void artifactRoundTripAndRejections() throws Exception {
    String example = "{\"version\":\"1.0\",\"prefetch_spans\":[{\"start_span\":0,\"end_span\":2},"
        + "{\"start_span\":7,\"end_span\":7,\"priority\":1}]}";
    PrefetchArtifact a = PrefetchArtifact.parse(example.getBytes(StandardCharsets.UTF_8));
    assertThat(a.spans()).containsExactly(span(0, 2), new PrefetchArtifact.Span(7, 7, 1));
    assertThat(new String(a.toBytes(), StandardCharsets.UTF_8)).isEqualTo(example);
    assertThatThrownBy(() -> PrefetchArtifact.parse(example.replace("1.0", "2.0").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SociFormatException.class).hasMessageContaining("version");
    assertThatThrownBy(() -> PrefetchArtifact.parse("{\"version\":\"1.0\",\"prefetch_spans\":[]}"
        .getBytes(StandardCharsets.UTF_8))).isInstanceOf(SociFormatException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> PrefetchArtifact.parse(("{\"version\":\"1.0\",\"prefetch_spans\":[{\"start_span\":3,"
        + "\"end_span\":1}]}").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SociFormatException.class).hasMessageContaining("prefetch_spans[0]");
  }

  @Test
  void plannedPrefetchGoesIntoTheIndexAfterTheZtocs() throws Exception {
    OciDocument image = OciDocument.parse(Vectors.bytes("index/image-manifest.json"));
    PrefetchPlanner.Plan plan = PrefetchPlanner.plan(List.of("etc/tiny.txt"), List.of(pax()));
    SociIndexBuild build = SociIndexBuilder.build(image.descriptor(), image.manifest().layers(),
        new SociIndexOptions(SociVersion.V1, VectorZtocs.SPAN_1MIB, 0, "oracle", false, java.util.List.of()), new VectorZtocs(),
        plan.descriptors());
    SociIndex index = SociIndex.parse(build.bytes());
    assertThat(index.ztocs()).hasSize(4);
    assertThat(index.prefetchFor(PAX)).map(PrefetchDescriptor::descriptor)
        .contains(plan.prefetches().get(0).descriptor().descriptor());
    assertThat(index.manifest().layers().get(4).mediaType()).isEqualTo(MediaType.SOCI_PREFETCH);
  }

  private static PrefetchArtifact.Span span(int start, int end) {
    return new PrefetchArtifact.Span(start, end, 0);
  }
}
