package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.testing.GoldenImage;
import dev.sociscope.core.testing.LocalRegistry;
import dev.sociscope.core.testing.MixedLayerImage;
import dev.sociscope.core.ztoc.Checkpoint;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.GzipZinfo;
import dev.sociscope.core.ztoc.ZtocReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's "done when", on Debian's docker-registry: {@code create --push} and {@code convert} with prefetch paths
 * (files in two layers, one path in both, a directory, a missing path) write artifacts whose bytes are spec 3.7's,
 * computed here from the pushed zTOCs; {@code prefetch list/info --json} show them; and a profile's per-layer
 * {@code lazy_bytes} is what the registry then sends when {@code get --whole-spans} reads the file (its access log):
 * the runtime's whole-span fetches, which a profile models.
 */
class PrefetchRegistryCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPO = "prefetch/app";
  /** Combined log format: {@code "GET /v2/REPO/blobs/DIGEST HTTP/1.1" 206 12345}. */
  private static final Pattern ACCESS = Pattern.compile(
      "\"GET /v2/([^ ]+)/blobs/(sha256:[0-9a-f]{64}) HTTP/[0-9.]+\" (\\d{3}) (\\d+)");
  private static final List<String> PATHS = List.of("/app/bin", "/app/lib.so", "/etc/common.conf", "/etc",
      "/no/such/file");

  static LocalRegistry registry;
  static Path tmp;
  static int counter;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    tmp = dir;
    registry = LocalRegistry.startWithAccessLog();
    Path layout = dir.resolve("layout");
    MixedLayerImage.write(layout);
    GoldenImage.push(layout, MixedLayerImage.FILES, registry, REPO + ":files");
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  /** Runs the CLI with a fresh cache (so nothing read earlier is served locally) and expects exit 0. */
  static CliTestSupport.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--cache-dir");
    all.add(tmp.resolve("cache-" + counter++).toString());
    CliTestSupport.Result r = CliTestSupport.run(all.toArray(new String[0]));
    assertThat(r.exitCode()).as("sociscope %s\nout: %s\nerr: %s", String.join(" ", args), r.out(), r.err())
        .isZero();
    return r;
  }

  static String[] build(String... command) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of(NewCommandsTestSupport.BUILD));
    for (String p : PATHS) {
      all.add("--prefetch-file");
      all.add(p);
    }
    return all.toArray(new String[0]);
  }

  static byte[] blob(String digest) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(registry.baseUrl() + "/v2/" + REPO + "/blobs/" + digest)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(digest).isEqualTo(200);
    return r.body();
  }

  static byte[] manifest(String reference) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(registry.baseUrl() + "/v2/" + REPO + "/manifests/" + reference))
        .header("Accept", MediaType.OCI_MANIFEST + "," + MediaType.OCI_INDEX).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(reference).isEqualTo(200);
    return r.body();
  }

  /**
   * Spec 3.7 worked out here from the index's zTOCs, not by core's planner: per path (cleaned), the topmost layer
   * whose TOC has that exact name; spans [spanOf(offset), spanOf(offset + size)]; per layer sorted and merged when
   * next.start <= end + 1; the blob in compact Go JSON. Keyed by layer digest, in image layer order.
   */
  static Map<String, String> expectedArtifacts(JsonNode index) throws Exception {
    List<String> layers = new ArrayList<>();
    List<List<FileMetadata>> tocs = new ArrayList<>();
    List<List<Checkpoint>> checkpoints = new ArrayList<>();
    for (JsonNode d : index.get("layers")) {
      if (d.get("mediaType").asText().equals(MediaType.ZTOC)) {
        var parsed = ZtocReader.readWithZinfo(blob(d.get("digest").asText()));
        layers.add(d.get("annotations").get("com.amazon.soci.image-layer-digest").asText());
        tocs.add(parsed.ztoc().files());
        checkpoints.add(((GzipZinfo) parsed.zinfo()).checkpoints());
      }
    }
    List<List<int[]>> ranges = new ArrayList<>();
    layers.forEach(l -> ranges.add(new ArrayList<>()));
    for (String p : PATHS) {
      String name = Path.of("/").resolve(p.substring(1)).normalize().toString().substring(1);
      search:
      for (int i = layers.size() - 1; i >= 0; i--) {
        for (FileMetadata f : tocs.get(i)) {
          if (f.name().equals(name)) {
            int start = spanOf(checkpoints.get(i), f.uncompressedOffset());
            int end = Math.max(start, spanOf(checkpoints.get(i), f.uncompressedOffset() + f.uncompressedSize()));
            ranges.get(i).add(new int[] {start, end});
            break search;
          }
        }
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      List<int[]> r = ranges.get(i);
      if (r.isEmpty()) {
        continue;
      }
      r.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
      List<int[]> merged = new ArrayList<>();
      for (int[] s : r) {
        if (!merged.isEmpty() && s[0] <= merged.get(merged.size() - 1)[1] + 1) {
          int[] last = merged.get(merged.size() - 1);
          last[1] = Math.max(last[1], s[1]);
        } else {
          merged.add(s.clone());
        }
      }
      StringBuilder json = new StringBuilder("{\"version\":\"1.0\",\"prefetch_spans\":[");
      for (int j = 0; j < merged.size(); j++) {
        json.append(j == 0 ? "" : ",").append("{\"start_span\":").append(merged.get(j)[0])
            .append(",\"end_span\":").append(merged.get(j)[1]).append('}');
      }
      out.put(layers.get(i), json.append("]}").toString());
    }
    return out;
  }

  static int spanOf(List<Checkpoint> checkpoints, long offset) {
    int span = 0;
    for (int i = 0; i < checkpoints.size(); i++) {
      if (checkpoints.get(i).uncompressedOffset() <= offset) {
        span = i;
      }
    }
    return span;
  }

  /** The prefetch descriptors of an index come after every zTOC descriptor, in image layer order, byte-exact. */
  static void assertArtifacts(JsonNode index, String ref) throws Exception {
    Map<String, String> expected = expectedArtifacts(index);
    // Both layers hold a profile file; etc/common.conf is in both and the upper (layer 1) wins; etc and the
    // missing path find nothing.
    assertThat(expected).hasSize(2);
    List<String> mediaTypes = new ArrayList<>();
    Map<String, String> actual = new LinkedHashMap<>();
    for (JsonNode d : index.get("layers")) {
      mediaTypes.add(d.get("mediaType").asText());
      if (d.get("mediaType").asText().equals(MediaType.SOCI_PREFETCH)) {
        byte[] bytes = blob(d.get("digest").asText());
        assertThat(Digest.of(bytes).toString()).isEqualTo(d.get("digest").asText());
        assertThat(d.get("size").asLong()).isEqualTo(bytes.length);
        assertThat(d.get("annotations").size()).isEqualTo(1);
        actual.put(d.get("annotations").get("com.amazon.soci.image-layer-digest").asText(),
            new String(bytes, StandardCharsets.UTF_8));
      }
    }
    assertThat(mediaTypes).containsExactly(MediaType.ZTOC, MediaType.ZTOC, MediaType.SOCI_PREFETCH,
        MediaType.SOCI_PREFETCH);
    assertThat(actual).containsExactlyEntriesOf(expected);

    JsonNode listed = JSON.readTree(run("prefetch", "list", ref, "--json").out());
    assertThat(listed).hasSize(2);
    for (JsonNode l : listed) {
      String layer = l.get("layer").asText();
      assertThat(l.get("problem").isNull() || l.get("problem").asText().isEmpty()).isTrue();
      JsonNode info = JSON.readTree(run("prefetch", "info", ref, layer, "--json").out());
      JsonNode one = info.isArray() ? info.get(0) : info;
      StringBuilder spans = new StringBuilder();
      for (JsonNode s : one.get("spans")) {
        spans.append(spans.length() == 0 ? "" : ",").append("{\"start_span\":").append(s.get("start_span").asInt())
            .append(",\"end_span\":").append(s.get("end_span").asInt()).append('}');
      }
      assertThat("{\"version\":\"" + one.get("version").asText() + "\",\"prefetch_spans\":[" + spans + "]}")
          .isEqualTo(expected.get(layer));
      assertThat(one.get("artifact").asText()).isEqualTo(l.get("artifact").asText());
    }
  }

  @Test
  void createPushWritesSpecArtifactsAndPrefetchCommandsShowThem() throws Exception {
    String ref = registry.ref(REPO + ":files");
    CliTestSupport.Result created = run(build("create", ref, "--push"));
    assertThat(created.err()).contains("prefetch file /no/such/file (no/such/file) not found in any indexed layer")
        .contains("prefetch file /etc (etc) not found in any indexed layer");
    String indexDigest = created.out().replaceFirst("(?s).*created soci index (sha256:[0-9a-f]{64}).*", "$1");
    assertArtifacts(JSON.readTree(manifest(indexDigest)), ref);
  }

  @Test
  void convertWritesTheSameArtifactsIntoTheV2Index() throws Exception {
    String src = registry.ref(REPO + ":files");
    String dst = registry.ref(REPO + ":files-soci");
    run(build("convert", src, dst));
    JsonNode image = JSON.readTree(manifest("files-soci"));
    String indexDigest = null;
    for (JsonNode m : image.get("manifests")) {
      if (m.path("artifactType").asText().equals("application/vnd.amazon.soci.index.v2+json")) {
        indexDigest = m.get("digest").asText();
      }
    }
    assertThat(indexDigest).as("the v2 index in %s", image).isNotNull();
    assertArtifacts(JSON.readTree(manifest(indexDigest)), dst);
  }

  /** Bytes the registry sent per blob digest of the repository, for log lines after {@code from}. */
  static Map<String, Long> sentSince(int from) {
    Map<String, Long> out = new TreeMap<>();
    List<String> lines = registry.log().lines().toList();
    for (String line : lines.subList(Math.min(from, lines.size()), lines.size())) {
      Matcher m = ACCESS.matcher(line);
      if (m.find() && m.group(1).equals(REPO) && m.group(3).startsWith("2")) {
        out.merge(m.group(2), Long.parseLong(m.group(4)), Long::sum);
      }
    }
    return out;
  }

  @Test
  void aProfilesLazyBytesPerLayerAreWhatTheRegistrySendsWhenGetReadsTheFiles() throws Exception {
    String ref = registry.ref(REPO + ":measured");
    Path layout = tmp.resolve("layout");
    GoldenImage.push(layout, MixedLayerImage.FILES, registry, REPO + ":measured");
    run("create", ref, "--push", "--span-size", Long.toString(MixedLayerImage.SPAN_SIZE), "--min-layer-size",
        Long.toString(MixedLayerImage.MIN_LAYER_SIZE));
    // One file per read: each get is a fresh process (a fresh cache), as a container's first read of the file.
    for (String path : List.of("/app/bin", "/app/lib.so", "/etc/common.conf")) {
      Path paths = Files.writeString(tmp.resolve("paths-" + counter + ".txt"), path + "\n");
      JsonNode profile = JSON.readTree(run("profile", ref, "--paths", paths.toString(), "--json").out());
      assertThat(profile.get("index_bytes").asLong()).isPositive();
      assertThat(profile.get("ztoc_bytes").asLong()).isPositive();
      Map<String, Long> predicted = new TreeMap<>();
      for (JsonNode l : profile.get("layers")) {
        if (l.get("lazy_bytes").asLong() > 0) {
          predicted.put(l.get("digest").asText(), l.get("lazy_bytes").asLong());
        }
      }
      assertThat(predicted).as(path).hasSize(1);

      int before = registry.log().lines().toList().size();
      // A profile models the runtime's fetches (whole spans, as the SOCI snapshotter reads them at container start);
      // sociscope's own get stops inside the last span unless asked to read whole spans.
      run("get", ref, path, "--whole-spans", "-o", tmp.resolve("got-" + counter).toString());
      Map<String, Long> sent = sentSince(before);
      Map<String, Long> layerBytes = new TreeMap<>();
      for (JsonNode l : profile.get("layers")) {
        String d = l.get("digest").asText();
        if (sent.containsKey(d)) {
          layerBytes.put(d, sent.get(d));
        }
      }
      // Up to the index and the zTOCs (other blobs, reported separately), the layer bytes are the prediction.
      assertThat(layerBytes).as("%s: registry log %s", path, sent).isEqualTo(predicted);
    }
  }
}
