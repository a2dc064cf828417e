package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.ReferrersIndex;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.registry.RemoteRepository;
import dev.sociscope.core.testing.LocalRegistry;
import dev.sociscope.core.testing.MixedLayerImage;
import dev.sociscope.core.workflow.SociService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} and {@code index prune} end to end against Debian's registry (no referrers API: v1 indexes live in
 * {@code sha256-<digest>} fallback tags).
 */
class CheckAndPruneCliIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SIG_TYPE = "application/vnd.dev.cosign.artifact.sig.v1+json";
  static LocalRegistry registry;
  static NewCommandsTestSupport t;
  static RemoteRepository pruneRepo;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    registry = LocalRegistry.start();
    t = new NewCommandsTestSupport(dir);
    copy(t.ref(MixedLayerImage.FILES), registry.ref("clit/app:files"));
    copy(t.ref(MixedLayerImage.FILES), registry.ref("clit/prune:files"));
    copy(t.ref(MixedLayerImage.FILES_CHANGED), registry.ref("clit/prune:other"));
    SociService soci = new SociService(RegistryClient.builder().plainHttp(registry.host()).build(),
        new ZtocCache(dir.resolve("core-cache")));
    pruneRepo = soci.open(registry.ref("clit/prune:files")).repository();
  }

  private static void copy(String src, String dst) {
    CliTestSupport.Result r = CliTestSupport.run("copy", src, dst);
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void checkFailsWithoutAnIndexAndPassesAfterConvert() throws Exception {
    String image = registry.ref("clit/app:files");
    Path junit = t.dir.resolve("no-index.xml");
    CliTestSupport.Result none = t.expect(1, "check", image, "--junit", junit.toString());
    assertThat(none.out()).contains("ERROR   no-index  platform linux/amd64: no usable SOCI index")
        .contains("INFO    no-referrers-api  registry " + registry.host() + ": the registry has no referrers API")
        .contains(image + ": 1 error, 0 warnings, 1 info (12 checks ran); FAIL at --fail-on error");
    assertThat(none.err()).startsWith("sociscope: check failed: 1 finding(s) at or above error for ");
    String xml = Files.readString(junit, StandardCharsets.UTF_8);
    assertThat(xml).contains("tests=\"12\" failures=\"1\"")
        .containsPattern("name=\"no-index\">\\s*<failure message=\"every platform has a SOCI index \\(not met\\)\">"
            + "ERROR platform linux/amd64: no usable SOCI index")
        .containsPattern("name=\"no-referrers-api\">\\s*<system-out>INFO registry " + registry.host());

    t.ok("convert", image, registry.ref("clit/app:files-soci"), "--min-layer-size", "0", "--span-size",
        Long.toString(MixedLayerImage.SPAN_SIZE));
    Path healthy = t.dir.resolve("healthy.xml");
    CliTestSupport.Result ok = t.ok("check", registry.ref("clit/app:files-soci"), "--fail-on", "error", "--junit",
        healthy.toString(), "--spot-check", "4");
    assertThat(ok.out()).contains("0 errors, 0 warnings, 1 info (12 checks ran); ok at --fail-on error");
    assertThat(ok.err()).isEmpty();
    assertThat(Files.readString(healthy, StandardCharsets.UTF_8)).contains("tests=\"12\" failures=\"0\"")
        .doesNotContain("<failure");
    // The original still has no index of its own.
    t.expect(1, "check", image, "--json");
  }

  @Test
  void pruneDryRunThenPruneKeepsTheSignatureInTheFallbackTag() throws Exception {
    String image = registry.ref("clit/prune:files");
    String out = t.ok("create", image, "--push", "--min-layer-size", "0", "--span-size",
        Long.toString(MixedLayerImage.SPAN_SIZE)).out();
    String index = out.replaceAll("(?s).*created soci index (sha256:[0-9a-f]{64}).*", "$1");
    Digest subject = pruneRepo.manifest("files").digest();
    String tag = ReferrersIndex.fallbackTag(subject);
    // A signature-like referrer joins the fallback tag, then the image is deleted.
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    pruneRepo.putBlob(Digest.of(empty), BlobContent.ofBytes(empty));
    OciDocument sig = OciDocument.parse(("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST
        + "\",\"artifactType\":\"" + SIG_TYPE + "\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\","
        + "\"digest\":\"" + Digest.of(empty) + "\",\"size\":2},\"layers\":[]}").getBytes(StandardCharsets.UTF_8),
        MediaType.OCI_MANIFEST);
    pruneRepo.putManifest(sig, null);
    ObjectNode list = (ObjectNode) JSON.readTree(pruneRepo.manifest(tag).bytes());
    ((ArrayNode) list.get("manifests")).addObject().put("mediaType", MediaType.OCI_MANIFEST)
        .put("artifactType", SIG_TYPE).put("digest", sig.digest().toString()).put("size", sig.size());
    pruneRepo.putManifest(OciDocument.parse(JSON.writeValueAsBytes(list)), tag);
    pruneRepo.deleteManifest(subject);

    // check on another image of the repository sees the orphan (a warning: passes at error, fails at warning).
    String other = registry.ref("clit/prune:other");
    JsonNode report = JSON.readTree(t.expect(1, "check", other, "--fail-on", "warning", "--json").out());
    assertThat(report.get("findings")).anySatisfy(f -> {
      assertThat(f.get("check").asText()).isEqualTo("orphaned-referrer");
      assertThat(f.get("subject").asText()).isEqualTo("index " + index);
      assertThat(f.get("fix").asText()).startsWith("sociscope index prune ");
    });

    CliTestSupport.Result dry = t.ok("index", "prune", registry.ref("clit/prune"), "--dry-run");
    assertThat(dry.out()).isEqualTo("would remove index " + index + " from tag " + tag + ": its image manifest "
        + subject + " is gone" + System.lineSeparator() + "would remove 1 orphaned SOCI entry (dry run: nothing"
        + " changed)" + System.lineSeparator());
    assertThat(pruneRepo.manifest(tag).index().manifests()).hasSize(2);

    CliTestSupport.Result done = t.ok("index", "prune", other);
    assertThat(done.out()).contains("removed index " + index + " from tag " + tag + ": its image manifest "
        + subject + " is gone").contains("removed 1 orphaned SOCI entry");
    assertThat(pruneRepo.manifest(tag).index().manifests()).singleElement()
        .satisfies(d -> assertThat(d.digest()).isEqualTo(sig.digest()));
    assertThat(pruneRepo.findManifest(index)).isEmpty();
    assertThat(t.ok("index", "prune", other, "--json").out()).contains("\"orphans\" : [ ]");
    // Still failing (that image has no index of its own), but no longer for an orphan.
    JsonNode after = JSON.readTree(t.expect(1, "check", other, "--json").out());
    assertThat(after.get("findings")).extracting(f -> f.get("check").asText()).contains("no-index");
    assertThat(after.get("findings")).noneSatisfy(f -> assertThat(f.get("check").asText())
        .isEqualTo("orphaned-referrer"));
  }
}
