package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.profile.StartupProfile;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.testing.MixedLayerImage;
import dev.sociscope.core.workflow.SociService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sociscope profile} on the layout image {@code files}: per-layer spans, totals, what-if, export. */
class ProfileCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;
  NewCommandsTestSupport t;
  String ref;
  Path paths;

  @BeforeEach
  void indexed() throws Exception {
    t = new NewCommandsTestSupport(tmp);
    ref = t.ref(MixedLayerImage.FILES);
    t.ok("create", ref, "--push", "--span-size", Long.toString(MixedLayerImage.SPAN_SIZE), "--min-layer-size", "0");
    paths = tmp.resolve("paths.txt");
    Files.writeString(paths, "# start-up\n/app/bin\n./etc/common.conf\n\n/no/such/file\n", StandardCharsets.UTF_8);
  }

  @Test
  void jsonCarriesWhatTheCoreProfileMeasures() throws Exception {
    StartupProfile expected = new SociService(RegistryClient.builder().build(),
        new ZtocCache(tmp.resolve("cache"))).profile(ref, null, List.of("app/bin", "etc/common.conf",
            "no/such/file"));
    JsonNode p = JSON.readTree(t.ok("profile", ref, "--paths", paths.toString(), "--json").out());
    assertThat(p.get("full_pull_bytes").asLong()).isEqualTo(expected.fullPullBytes()).isPositive();
    // Small random layers with 64 KiB spans: the zTOCs outweigh what lazy loading saves, and the profile says so.
    assertThat(p.get("lazy_bytes").asLong()).isEqualTo(expected.lazyBytes()).isPositive();
    assertThat(p.get("index_bytes").asLong()).isEqualTo(expected.indexBytes()).isPositive();
    assertThat(p.get("ztoc_bytes").asLong()).isEqualTo(expected.ztocBytes()).isPositive();
    assertThat(p.get("not_found")).extracting(JsonNode::asText).containsExactly("/no/such/file");
    assertThat(p.get("layers")).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode l = p.get("layers").get(i);
      StartupProfile.Layer e = expected.layers().get(i);
      assertThat(l.get("digest").asText()).isEqualTo(e.digest().toString());
      assertThat(l.get("indexed").asBoolean()).isTrue();
      assertThat(l.get("lazy_bytes").asLong()).isEqualTo(e.lazyBytes());
      List<List<Integer>> spans = new ArrayList<>();
      l.get("spans").forEach(s -> spans.add(List.of(s.get(0).asInt(), s.get(1).asInt())));
      assertThat(spans).isEqualTo(e.spans().stream().map(s -> List.of(s.first(), s.last())).toList());
    }
    // app/bin (256 KiB) is in layer 0, 4+ spans of 64 KiB; etc/common.conf is layer 1's (it hides layer 0's).
    assertThat(p.get("layers").get(0).get("files")).extracting(JsonNode::asText).containsExactly("/app/bin");
    assertThat(p.get("layers").get(0).get("spans").get(0).get(1).asInt()).isGreaterThanOrEqualTo(3);
    assertThat(p.get("layers").get(1).get("files")).extracting(JsonNode::asText).containsExactly("/etc/common.conf");
    JsonNode s = p.get("seconds");
    assertThat(s.get("full_pull").asDouble()).isCloseTo(3 * 0.020 + expected.fullPullBytes() * 8 / 100e6,
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.get("lazy").asDouble()).isGreaterThan(s.get("lazy_prefetched").asDouble());
    assertThat(p.has("what_if")).isFalse();
  }

  @Test
  void textShowsLayersTotalsAndTheLinkAndExportWritesThePrefetchJson() throws Exception {
    Path export = tmp.resolve("prefetch.json");
    CliTestSupport.Result r = t.ok("profile", ref, "--paths", paths.toString(), "--bandwidth", "1Gbit", "--rtt",
        "2ms", "--export", export.toString());
    assertThat(r.out()).contains("LAYER", "INDEXED", "SPANS", "LAZY BYTES")
        .containsPattern("sha256:[0-9a-f]{64} +\\d+ +yes +1 +0-\\d+ +1 +\\d+")
        .contains("full pull: ").contains("; lazy: ")
        .contains("1 path(s) not found in an indexed layer: /no/such/file")
        .containsPattern("on 1 Gbit/s, 2 ms round trip: full pull \\d+\\.\\d\\d s, lazy \\d+\\.\\d\\d s, lazy with"
            + " prefetch \\d+\\.\\d\\d s")
        .contains("wrote 2 path(s) to " + export)
        .doesNotContain("what if");
    assertThat(Files.readString(export, StandardCharsets.UTF_8).strip())
        .isEqualTo("[\"/app/bin\",\"/etc/common.conf\"]");
    // The export reads back as a path list.
    JsonNode again = JSON.readTree(t.ok("profile", ref, "--paths", export.toString(), "--json").out());
    assertThat(again.get("not_found")).isEmpty();
  }

  @Test
  void whatIfIsEstimatedUnlessExactAndAgreesWithTheProfileAtTheIndexsSpanSize() throws Exception {
    long span = MixedLayerImage.SPAN_SIZE;
    JsonNode p = JSON.readTree(t.ok("profile", ref, "--paths", paths.toString(), "--json", "--span-size", "64KiB",
        "--span-size", Long.toString(4 * span), "--min-layer-size", "0").out());
    JsonNode w = p.get("what_if");
    assertThat(w.get("estimated").asBoolean()).isTrue();
    assertThat(w.get("span_sizes")).extracting(x -> x.get("span_size").asLong()).containsExactly(span, 4 * span);
    JsonNode same = w.get("span_sizes").get(0);
    long indexedLazy = 0;
    for (JsonNode l : p.get("layers")) {
      indexedLazy += l.get("lazy_bytes").asLong();
    }
    assertThat(same.get("needed_bytes").asLong()).isEqualTo(indexedLazy);
    assertThat(same.get("ztoc_bytes").asLong()).isEqualTo(p.get("ztoc_bytes").asLong());
    assertThat(w.get("span_sizes").get(1).get("ztoc_bytes").asLong()).isLessThan(same.get("ztoc_bytes").asLong());
    assertThat(w.get("min_layer_sizes")).hasSize(5);

    CliTestSupport.Result text = t.ok("profile", ref, "--paths", paths.toString(), "--what-if");
    assertThat(text.out()).contains("what if (estimated from the existing zTOCs")
        .contains("SPAN SIZE  ZTOC BYTES").contains("1.0 MiB").contains("16.0 MiB")
        .contains("min layer size, at span size 4.0 MiB (estimated):");
    CliTestSupport.Result exact = t.ok("profile", ref, "--paths", paths.toString(), "--exact", "--span-size",
        "64KiB", "--min-layer-size", "0");
    assertThat(exact.out()).contains("what if (exact: measured from the layers), min layer size 0 B:")
        .doesNotContain("estimated");
  }

  @Test
  void straceLogsAndBadInputs() throws Exception {
    Path strace = tmp.resolve("start.log");
    Files.writeString(strace, "123 execve(\"/app/bin\", [\"/app/bin\"], 0x7ffd /* 3 vars */) = 0\n"
        + "123 openat(AT_FDCWD, \"/etc/common.conf\", O_RDONLY|O_CLOEXEC) = 3\n"
        + "123 openat(AT_FDCWD, \"/etc/nope\", O_RDONLY) = -1 ENOENT (No such file or directory)\n",
        StandardCharsets.UTF_8);
    JsonNode p = JSON.readTree(t.ok("profile", ref, "--paths", strace.toString(), "--json").out());
    assertThat(p.get("not_found")).isEmpty();
    assertThat(p.get("layers").get(0).get("files")).extracting(JsonNode::asText).containsExactly("/app/bin");

    assertThat(t.expect(2, "profile", ref).err()).contains("Missing required option: '--paths=FILE'");
    assertThat(t.expect(2, "profile", ref, "--paths", paths.toString(), "--bandwidth", "fast").err())
        .contains("'fast' is not a bandwidth");
    assertThat(t.expect(2, "profile", ref, "--paths", paths.toString(), "--rtt", "1h").err())
        .contains("'1h' is not a round-trip time");
    assertThat(t.expect(1, "profile", ref, "--paths", tmp.resolve("missing.txt").toString()).err())
        .isEqualTo("sociscope: " + tmp.resolve("missing.txt") + ": no such file or directory"
            + System.lineSeparator());
    Files.writeString(paths, "# nothing\n", StandardCharsets.UTF_8);
    assertThat(t.expect(1, "profile", ref, "--paths", paths.toString()).err()).contains("names no path");
  }
}
