package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.testing.LocalRegistry;
import dev.sociscope.core.testing.TestImages;
import dev.sociscope.core.testing.TestImages.BuiltImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry commands against the real registry behind htpasswd, credentials via --password-stdin. */
class RegistryCommandsIT {
  static final String USER = "cli-user";
  static final String PASSWORD = "cli-Pass-9";
  static LocalRegistry registry;
  static BuiltImage multi;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    registry = LocalRegistry.startWithBasicAuth(USER, PASSWORD);
    multi = TestImages.multiPlatform(dir.resolve("multi"), "v1", List.of("linux/amd64", "linux/arm64"));
    TestImages.push(multi, registry, "team/app:v1");
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @AfterEach
  void restoreStdin() {
    RegistryOptions.stdin = System.in;
  }

  /** Runs with {@code --username USER --password-stdin} and the password on stdin. */
  static CliTestSupport.Result authed(String... args) {
    RegistryOptions.stdin = new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--username", USER, "--password-stdin"));
    return CliTestSupport.run(all.toArray(new String[0]));
  }

  @Test
  void lsReposAndLsTags() throws IOException {
    CliTestSupport.Result repos = authed("ls-repos", registry.host());
    assertThat(repos.exitCode()).as(repos.err()).isZero();
    assertThat(repos.out().lines()).contains("team/app");
    CliTestSupport.Result json = authed("ls-repos", registry.host(), "--json");
    assertThat(JSON.readTree(json.out()).isArray()).isTrue();

    CliTestSupport.Result tags = authed("ls-tags", registry.ref("team/app"));
    assertThat(tags.exitCode()).as(tags.err()).isZero();
    assertThat(tags.out().lines()).containsExactly("v1");
    assertThat(JSON.readTree(authed("ls-tags", registry.ref("team/app"), "--json").out()).get(0).asText())
        .isEqualTo("v1");
  }

  @Test
  void inspectIndexPlatformRawAndJson() throws IOException {
    CliTestSupport.Result index = authed("inspect", registry.ref("team/app:v1"));
    assertThat(index.exitCode()).as(index.err()).isZero();
    assertThat(index.out()).contains("Digest:      " + multi.digest())
        .contains("application/vnd.oci.image.index.v1+json").contains("linux/amd64").contains("linux/arm64");

    CliTestSupport.Result arm = authed("inspect", registry.ref("team/app:v1"), "--platform", "linux/arm64");
    TestImages.Manifest armManifest = multi.manifests().get(1);
    assertThat(arm.out()).contains(armManifest.digest().toString()).contains("Layers:      1")
        .contains(armManifest.layers().get(0).digest().toString()).contains("tar+gzip");

    CliTestSupport.Result raw = authed("inspect", registry.ref("team/app:v1"), "--raw");
    assertThat(Digest.of(raw.out().getBytes(StandardCharsets.UTF_8))).isEqualTo(multi.digest());

    JsonNode json = JSON.readTree(authed("inspect", registry.ref("team/app:v1"), "--json").out());
    assertThat(json.path("manifests")).hasSize(2);
    assertThat(json.path("manifests").get(0).path("platform").asText()).isEqualTo("linux/amd64");

    CliTestSupport.Result missing = authed("inspect", registry.ref("team/app:v1"), "--platform", "linux/s390x");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("linux/s390x").contains("linux/amd64, linux/arm64");
  }

  @Test
  void copyRegistryToLayoutAndBack() throws IOException {
    Path layout = tmp.resolve("layout");
    CliTestSupport.Result down = authed("copy", registry.ref("team/app:v1"), "oci:" + layout + ":saved");
    assertThat(down.exitCode()).as(down.err()).isZero();
    assertThat(down.out()).contains("Digest: " + multi.digest()).contains("3 manifests");

    CliTestSupport.Result local = CliTestSupport.run("inspect", "oci:" + layout + ":saved");
    assertThat(local.out()).contains(multi.digest().toString());
    assertThat(CliTestSupport.run("ls-tags", "oci:" + layout).out().lines()).containsExactly("saved");

    CliTestSupport.Result up = authed("copy", "oci:" + layout + ":saved", registry.ref("copied/app:v9"));
    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(authed("inspect", registry.ref("copied/app:v9")).out()).contains(multi.digest().toString());
  }

  @Test
  void withoutCredentialsTheErrorIsOneReadableLine() {
    CliTestSupport.Result r = CliTestSupport.run("inspect", registry.ref("team/app:v1"));
    assertThat(r.exitCode()).isEqualTo(SociscopeCommand.EXIT_USER_ERROR);
    assertThat(r.err().strip()).startsWith("sociscope: ").contains("sociscope-test").doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void usernameWithoutPasswordStdinIsAUserError() {
    CliTestSupport.Result r = CliTestSupport.run("ls-tags", registry.ref("team/app"), "--username", USER);
    assertThat(r.exitCode()).isEqualTo(SociscopeCommand.EXIT_USER_ERROR);
    assertThat(r.err()).contains("--password-stdin");
  }

  @Test
  void badReferenceIsAUserError() {
    CliTestSupport.Result r = CliTestSupport.run("inspect", "Bad/Name");
    assertThat(r.exitCode()).isEqualTo(SociscopeCommand.EXIT_USER_ERROR);
    assertThat(r.err()).contains("Bad/Name");
  }
}
