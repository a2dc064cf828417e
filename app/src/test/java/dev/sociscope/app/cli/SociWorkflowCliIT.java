package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ReferrersIndex;
import dev.sociscope.core.testing.GoldenImage;
import dev.sociscope.core.testing.LocalRegistry;
import dev.sociscope.core.testing.TestImages;
import dev.sociscope.core.testing.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SOCI workflow commands end to end, in-process, against a real registry and OCI layouts. */
class SociWorkflowCliIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String[] GOLDEN = {"--span-size", "1048576", "--min-layer-size", "0", "--build-tool-id", "oracle"};
  static LocalRegistry registry;
  static Path tmp;
  static Path layout;
  static Digest image;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    tmp = dir;
    registry = LocalRegistry.start();
    layout = dir.resolve("golden");
    image = GoldenImage.writeLayout(layout, "v1");
    GoldenImage.push(layout, "v1", registry, "cli/app:v1");
  }

  @AfterAll
  static void stop() {
    if (registry != null) { // null when the test was skipped for a missing tool
      registry.close();
    }
  }

  static CliTestSupport.Result run(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.add("--cache-dir");
    all.add(tmp.resolve("cache").toString());
    CliTestSupport.Result r = CliTestSupport.run(all.toArray(new String[0]));
    assertThat(r.exitCode()).as("sociscope %s\nout: %s\nerr: %s", String.join(" ", args), r.out(), r.err())
        .isZero();
    return r;
  }

  /** {@code more} (command and arguments) followed by the options {@code base}. */
  static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(Arrays.asList(more));
    all.addAll(Arrays.asList(base));
    return all.toArray(new String[0]);
  }

  @Test
  void createPushListInfoGetAndRemoveOnARegistry() throws Exception {
    String ref = registry.ref("cli/app:v1");
    String indexDigest = Digest.of(Vectors.bytes("index/index-v1.json")).toString();

    CliTestSupport.Result created = run(with(GOLDEN, "create", ref, "--push"));
    assertThat(created.out())
        .contains("layer sha256:0944f0bc948a2e936689fbc1650d80692f6c7a1788e2aa6be079552e600fe991 -> ztoc"
            + " sha256:3df18a2244c3af02bf0736396eb0cbc470d52167f8c242a82317fd7792e02c2d")
        .contains("created soci index " + indexDigest)
        .contains("pushed soci index " + indexDigest + " (fallback tag updated)");

    CliTestSupport.Result list = run("index", "list", ref);
    assertThat(list.out()).contains(indexDigest).contains("referrers").contains("v1").contains("oracle");
    JsonNode listed = JSON.readTree(run("index", "list", ref, "--json").out());
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("digest").asText()).isEqualTo(indexDigest);
    assertThat(listed.get(0).get("foundVia").asText()).isEqualTo("referrers");
    assertThat(listed.get(0).get("ztocs").asInt()).isEqualTo(4);

    String raw = TestImages.run("skopeo", "inspect", "--raw", "--tls-verify=false",
        "docker://" + registry.ref("cli/app:" + ReferrersIndex.fallbackTag(image)));
    JsonNode fallback = JSON.readTree(raw);
    assertThat(fallback.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(fallback.get("manifests").get(0).get("digest").asText()).isEqualTo(indexDigest);

    JsonNode info = JSON.readTree(run("index", "info", ref, "--json").out());
    assertThat(info.get(0).get("layers")).hasSize(4);
    info.get(0).get("layers").forEach(l -> assertThat(l.get("state").asText()).isEqualTo("indexed"));
    String byDigest = run("index", "info", registry.ref("cli/app@" + indexDigest)).out();
    assertThat(JSON.readTree(byDigest)).isEqualTo(JSON.readTree(Vectors.bytes("index/index-v1.json")));

    // get: files of several layers, as typed by users, exact bytes; stats within one span of the file
    String[][] cases = {{"pax.tar.gz", "/etc/tiny.txt"}, {"pax.tar.gz", "big/compressible.txt"},
        {"multimember.tar.gz", "./mm/tail.txt"}, {"plain.tar", "plain/text.txt"},
        {"gnu-fname.tar.gz", "/gnu/big-uid"}};
    for (String[] c : cases) {
      Path out = tmp.resolve("out-" + c[1].replace('/', '_'));
      CliTestSupport.Result got = run("get", ref, c[1], "-o", out.toString(), "--stats", "--json");
      String clean = c[1].replaceFirst("^\\./", "").replaceFirst("^/", "");
      assertThat(Files.readAllBytes(out)).as(c[1]).isEqualTo(GoldenImage.fileFromLayer(c[0], clean));
      JsonNode stats = JSON.readTree(got.err());
      assertThat(stats.get("lazy").asBoolean()).isTrue();
      long fetched = stats.get("bytesFetched").asLong();
      long file = stats.get("fileCompressedEstimate").asLong();
      long spans = stats.get("spans").asLong();
      long oneSpan = (1 << 20) + (64 << 10); // a compressed span: 1 MiB of data plus at most one deflate block
      if (!c[0].startsWith("gnu-fname")) { // that layer is a single 1 MiB span: fetched whole
        assertThat(fetched).as(c[1]).isLessThan(stats.get("layerSize").asLong());
      }
      assertThat(fetched).as(c[1]).isLessThanOrEqualTo(file + (spans == 1 ? oneSpan : 2 * oneSpan));
    }
    String line = run("get", ref, "etc/tiny.txt", "-o", tmp.resolve("tiny").toString(), "--stats").err();
    assertThat(line).contains("/etc/tiny.txt: 3 bytes").contains("lazily").contains("1 span(s)");

    for (String link : List.of("links/sym-rel", "/links/sym-abs")) { // relative to the link's folder, or the root
      Path linked = tmp.resolve("linked");
      run("get", ref, link, "-L", "-o", linked.toString());
      assertThat(Files.readAllBytes(linked)).as(link).isEqualTo(GoldenImage.fileFromLayer("pax.tar.gz",
          "etc/tiny.txt"));
    }
    // 'links/sym-entryname -> etc/tiny.txt' is relative to links/, where no etc/ exists (upstream's get-file would
    // treat the target as an entry name instead)
    CliTestSupport.Result dangling = CliTestSupport.run("get", ref, "links/sym-entryname", "-L", "-o",
        tmp.resolve("x").toString(), "--cache-dir", tmp.resolve("cache").toString());
    assertThat(dangling.err()).contains("'links/etc/tiny.txt' does not exist");
    CliTestSupport.Result notFollowed = CliTestSupport.run("get", ref, "links/sym-rel", "-o",
        tmp.resolve("x").toString(), "--cache-dir", tmp.resolve("cache").toString());
    assertThat(notFollowed.exitCode()).isEqualTo(1);
    assertThat(notFollowed.err()).contains("symlink to '../etc/tiny.txt'");

    assertThat(run("ls", ref, "/mm").out().lines()).containsExactly("head.txt", "random.bin", "tail.txt", "text.txt");
    assertThat(run("ls", ref, "./plain", "--long").out()).contains("-rw-r--r--").contains("sym -> text.txt");
    JsonNode layerFiles = JSON.readTree(run("ls", ref, "--layer", "13271ed41e34", "-R", "--json").out());
    assertThat(layerFiles.findValuesAsText("path")).contains("/plain/text.txt").doesNotContain("/mm/text.txt");

    // rm: unlisted from the fallback tag and deleted
    assertThat(run("index", "rm", ref, indexDigest).out()).contains("removed " + indexDigest);
    assertThat(JSON.readTree(run("index", "list", ref, "--json").out())).isEmpty();
    CliTestSupport.Result unknown = CliTestSupport.run("ls", ref, "/etc", "--cache-dir", tmp.resolve("c2").toString());
    assertThat(unknown.exitCode()).isEqualTo(1); // no index: nothing is known without --scan
    assertThat(unknown.err()).contains("4 layer(s) have no zTOC: use --scan");
    assertThat(run("ls", ref, "/etc", "--scan").out().lines()).contains("tiny.txt");
    // without an index every layer from the top down to the file's is streamed once
    Path streamed = tmp.resolve("streamed");
    JsonNode cost = JSON.readTree(run("get", ref, "/big/random.bin", "-o", streamed.toString(), "--stats",
        "--json").err());
    assertThat(Files.readAllBytes(streamed)).isEqualTo(GoldenImage.fileFromLayer("pax.tar.gz", "big/random.bin"));
    assertThat(cost.get("lazy").asBoolean()).isFalse();
    assertThat(cost.get("bytesFetched").asLong()).isEqualTo(3749609L + 1250694L + 2232320L);
  }

  @Test
  void benchRemoteShowsTheLazyReadRequestByRequest() throws Exception {
    GoldenImage.push(layout, "v1", registry, "cli/bench:v1");
    String ref = registry.ref("cli/bench:v1");
    run(with(GOLDEN, "create", ref, "--push"));

    String out = run("bench", "--remote", ref, "/etc/tiny.txt", "--link", "1Gbit/2ms").out();
    assertThat(out).contains("full pull (all layers, 3 at a time)").contains("lazy read, request by request");
    long lazyBytes = Long.parseLong(out.lines().filter(l -> l.startsWith("lazy read of")).findFirst().orElseThrow()
        .replaceAll(".* ([0-9,]+)$", "$1").replace(",", ""));
    List<String> requests = out.lines().dropWhile(l -> !l.startsWith("lazy read, request by request")).skip(2)
        .takeWhile(l -> l.matches(" *[0-9]+ +[0-9-]+ +[0-9-]+ +[0-9,]+  .*")).toList();
    assertThat(requests).anyMatch(l -> l.contains("/referrers/sha256:") || l.contains("/manifests/sha256-"))
        .anyMatch(l -> l.endsWith("GET zTOC of layer 4 of 4"))
        .anyMatch(l -> l.endsWith("GET zTOC of layer 2 of 4"))
        .anyMatch(l -> l.matches(".*GET layer 2 of 4, bytes [0-9]+-[0-9]+"));
    long listed = requests.stream().mapToLong(l -> Long.parseLong(l.trim().split(" +")[3].replace(",", ""))).sum();
    assertThat(listed).as("every byte of the lazy read is in one request's answer").isEqualTo(lazyBytes);
    assertThat(out).containsPattern(requests.size() + " requests; their [0-9,]+ bytes take [0-9.]+ s at"
        + " 1,000,000,000 bit/s");
    assertThat(out).containsPattern("a request was outstanding for [0-9.]+ s of the lazy read's [0-9.]+ s");
  }

  @Test
  void convertCopyWithSkopeoAndFindTheV2IndexInTheCopy() throws Exception {
    TestImages.BuiltImage multi = TestImages.multiPlatform(tmp.resolve("multi"), "v1",
        List.of("linux/amd64", "linux/arm64"));
    TestImages.push(multi, registry, "cli/multi:v1");
    CliTestSupport.Result conv = run(with(GOLDEN, "convert", registry.ref("cli/multi:v1"),
        registry.ref("cli/multi:soci"), "--all-platforms"));
    assertThat(conv.out()).contains("SOCI-enabled image");
    TestImages.run("skopeo", "copy", "--all", "--quiet", "--src-tls-verify=false", "--dest-tls-verify=false",
        "docker://" + registry.ref("cli/multi:soci"), "docker://" + registry.ref("cli/copy:soci"));
    JsonNode listed = JSON.readTree(run("index", "list", registry.ref("cli/copy:soci"), "--json").out());
    assertThat(listed).hasSize(2);
    listed.forEach(i -> assertThat(i.get("version").asText()).isEqualTo("v2"));
    assertThat(listed.findValuesAsText("platform")).containsExactlyInAnyOrder("linux/amd64", "linux/arm64");
    Path out = tmp.resolve("platform-arm64");
    run("get", registry.ref("cli/copy:soci"), "/etc/platform", "--platform", "linux/arm64", "-o", out.toString());
    assertThat(Files.readString(out)).isEqualTo("linux/arm64\n");
  }

  @Test
  void createConvertLsAndGetOnALayout() throws Exception {
    Path dir = tmp.resolve("layout-cli");
    GoldenImage.writeLayout(dir, "v1");
    String ref = "oci:" + dir + ":v1";
    run(with(GOLDEN, "create", ref)); // built into the cache only
    assertThat(JSON.readTree(run("index", "list", ref, "--json").out())).isEmpty();
    assertThat(run("push", ref).out()).contains("(fallback tag updated)");
    JsonNode listed = JSON.readTree(run("index", "list", ref, "--json").out());
    assertThat(listed.get(0).get("digest").asText()).isEqualTo(Digest.of(Vectors.bytes("index/index-v1.json"))
        .toString());
    String v1 = Digest.of(Vectors.bytes("index/index-v1.json")).toString();
    assertThat(JSON.readTree(run("index", "info", "oci:" + dir + "@" + v1).out()))
        .isEqualTo(JSON.readTree(Vectors.bytes("index/index-v1.json")));
    assertThat(JSON.readTree(run("index", "info", v1).out())) // from the local cache
        .isEqualTo(JSON.readTree(Vectors.bytes("index/index-v1.json")));
    assertThat(run("ls", ref, "big").out().lines()).containsExactly("compressible.txt", "random.bin");
    Path out = tmp.resolve("layout-random");
    run("get", ref, "/big/random.bin", "-o", out.toString());
    assertThat(Files.readAllBytes(out)).isEqualTo(GoldenImage.fileFromLayer("pax.tar.gz", "big/random.bin"));

    // the same layout as an oci-archive: read-only, but listing and reading work
    Path archive = tmp.resolve("layout.tar");
    TestImages.run("tar", "-cf", archive.toString(), "-C", dir.toString(), ".");
    assertThat(JSON.readTree(run("index", "list", "oci-archive:" + archive + ":v1", "--json").out())).hasSize(1);
    Path fromArchive = tmp.resolve("archive-text");
    run("get", "oci-archive:" + archive + ":v1", "plain/text.txt", "-o", fromArchive.toString());
    assertThat(Files.readAllBytes(fromArchive)).isEqualTo(GoldenImage.fileFromLayer("plain.tar", "plain/text.txt"));
    CliTestSupport.Result readOnly = CliTestSupport.run("create", "oci-archive:" + archive + ":v1", "--push",
        "--cache-dir", tmp.resolve("cache").toString());
    assertThat(readOnly.exitCode()).isEqualTo(1);
    assertThat(readOnly.err()).contains("read-only");

    Path converted = tmp.resolve("layout-converted");
    run(with(GOLDEN, "convert", ref, "oci:" + converted + ":soci"));
    JsonNode v2 = JSON.readTree(run("index", "list", "oci:" + converted + ":soci", "--json").out());
    assertThat(v2.get(0).get("digest").asText()).isEqualTo(Digest.of(Vectors.bytes("index/index-v2.json"))
        .toString());
    Path out2 = tmp.resolve("layout-converted-text");
    run("get", "oci:" + converted + ":soci", "gnu/big-uid", "-o", out2.toString());
    assertThat(Files.readAllBytes(out2)).isEqualTo(GoldenImage.fileFromLayer("gnu-fname.tar.gz", "gnu/big-uid"));
  }

  @Test
  void userErrorsAreOneLine() {
    CliTestSupport.Result r = CliTestSupport.run("get", "oci:" + tmp.resolve("nothing-here"), "/x");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("sociscope: ").contains("not an OCI image layout");
    CliTestSupport.Result p = CliTestSupport.run("create", "oci:" + layout + ":v1", "--platform", "linux/amd64",
        "--all-platforms", "--cache-dir", tmp.resolve("cache").toString());
    assertThat(p.exitCode()).isEqualTo(1);
    assertThat(p.err()).contains("exclude each other");
  }
}
