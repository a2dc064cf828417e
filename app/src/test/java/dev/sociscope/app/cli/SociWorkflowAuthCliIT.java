package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.testing.GoldenImage;
import dev.sociscope.core.testing.LocalRegistry;
import dev.sociscope.core.testing.Vectors;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** create --push, index list and get against a registry behind htpasswd, password from stdin. */
class SociWorkflowAuthCliIT {
  static final String USER = "soci";
  static final String PASSWORD = "s3cret-pw";
  static LocalRegistry registry;
  static Path tmp;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    tmp = dir;
    registry = LocalRegistry.startWithBasicAuth(USER, PASSWORD);
    Path layout = dir.resolve("golden");
    GoldenImage.writeLayout(layout, "v1");
    List<String> cmd = new ArrayList<>(List.of("skopeo", "copy", "--quiet", "--preserve-digests"));
    cmd.addAll(registry.skopeoArgs(true));
    cmd.add("oci:" + layout + ":v1");
    cmd.add("docker://" + registry.ref("auth/app:v1"));
    dev.sociscope.core.testing.TestImages.run(cmd.toArray(new String[0]));
  }

  @AfterAll
  static void stop() {
    RegistryOptions.stdin = System.in;
    if (registry != null) { // null when the test was skipped for a missing tool
      registry.close();
    }
  }

  static CliTestSupport.Result run(boolean withCredentials, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--cache-dir", tmp.resolve("cache").toString()));
    if (withCredentials) {
      RegistryOptions.stdin = new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
      all.addAll(List.of("--username", USER, "--password-stdin"));
    }
    return CliTestSupport.run(all.toArray(new String[0]));
  }

  @Test
  void workflowsAuthenticateAndFailClearlyWithout() throws Exception {
    String ref = registry.ref("auth/app:v1");
    CliTestSupport.Result denied = run(false, "index", "list", ref);
    assertThat(denied.exitCode()).isEqualTo(1);
    assertThat(denied.err()).startsWith("sociscope: ").doesNotContain(PASSWORD);

    CliTestSupport.Result created = run(true, "create", ref, "--push", "--span-size", "1048576",
        "--min-layer-size", "0", "--build-tool-id", "oracle");
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).doesNotContain(PASSWORD);
    JsonNode listed = new ObjectMapper().readTree(run(true, "index", "list", ref, "--json").out());
    assertThat(listed.get(0).get("digest").asText())
        .isEqualTo(Digest.of(Vectors.bytes("index/index-v1.json")).toString());
    Path out = tmp.resolve("text");
    CliTestSupport.Result got = run(true, "get", ref, "/mm/text.txt", "-o", out.toString());
    assertThat(got.exitCode()).as(got.err()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(GoldenImage.fileFromLayer("multimember.tar.gz", "mm/text.txt"));
  }
}
