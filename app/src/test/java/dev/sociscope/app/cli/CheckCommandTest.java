package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.health.Check;
import dev.sociscope.core.testing.MixedLayerImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sociscope check} on layout images: findings, exit codes per --fail-on, JSON and JUnit XML. */
class CheckCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  @Test
  void noIndexFailsThenV1PassesAtErrorAndFailsAtWarning() throws Exception {
    NewCommandsTestSupport t = new NewCommandsTestSupport(tmp);
    String ref = t.ref(MixedLayerImage.MIXED);
    Path junit = tmp.resolve("check.xml");

    CliTestSupport.Result none = t.expect(1, "check", ref, "--all-platforms", "--junit", junit.toString());
    assertThat(none.out()).contains("ERROR   no-index  platform linux/amd64: no usable SOCI index")
        .contains("ERROR   no-index  platform linux/arm64: ")
        .contains("        fix: sociscope convert " + ref)
        .contains(": 2 errors, 0 warnings, 0 info (11 checks ran); FAIL at --fail-on error");
    assertThat(none.err()).isEqualTo("sociscope: check failed: 2 finding(s) at or above error for " + ref
        + System.lineSeparator());
    String xml = Files.readString(junit, StandardCharsets.UTF_8);
    assertThat(xml).startsWith("<?xml").contains("tests=\"11\" failures=\"1\"")
        .containsPattern("name=\"no-index\">\\s*<failure message=\"every platform has a SOCI index \\(not met\\)\">");
    assertThat(tmp).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith(".check.xml"));

    t.ok(NewCommandsTestSupport.with(NewCommandsTestSupport.BUILD, "create", ref, "--push", "--all-platforms"));
    CliTestSupport.Result v1 = t.ok("check", ref, "--all-platforms", "--junit", junit.toString());
    assertThat(v1.out()).contains("WARNING v1-only  platform linux/amd64: only v1 indexes")
        .contains("INFO    layer-not-indexed  layer sha256:")
        .contains("0 errors, 2 warnings, 6 info").contains("ok at --fail-on error");
    assertThat(v1.err()).isEmpty();
    assertThat(Files.readString(junit, StandardCharsets.UTF_8)).contains("failures=\"0\"")
        .containsPattern("name=\"v1-only\">\\s*<system-out>WARNING platform linux/amd64");

    CliTestSupport.Result strict = t.expect(1, "check", ref, "-p", "linux/arm64", "--fail-on", "WARNING",
        "--json");
    JsonNode report = JSON.readTree(strict.out());
    assertThat(report.get("passed").asBoolean()).isFalse();
    assertThat(report.get("fail_on").asText()).isEqualTo("warning");
    assertThat(report.get("counts").get("warning").asInt()).isEqualTo(1);
    List<String> checks = new ArrayList<>();
    report.get("findings").forEach(f -> checks.add(f.get("check").asText() + " " + f.get("subject").asText()));
    assertThat(checks).contains("v1-only platform linux/arm64").noneMatch(c -> c.contains("amd64"));
    assertThat(report.get("checks")).hasSize(11);
    assertThat(strict.err()).contains("sociscope: check failed: 1 finding(s) at or above warning");
  }

  @Test
  void aConvertedImageIsHealthyAndSpotChecksCanBeTurnedOff() throws Exception {
    NewCommandsTestSupport t = new NewCommandsTestSupport(tmp);
    t.ok("convert", t.ref(MixedLayerImage.FILES), t.ref("files-soci"), "--min-layer-size", "0", "--span-size",
        Long.toString(MixedLayerImage.SPAN_SIZE));
    JsonNode all = JSON.readTree(t.ok("check", t.ref("files-soci"), "--fail-on", "warning", "--json").out());
    assertThat(all.get("passed").asBoolean()).as(all.toString()).isTrue();
    assertThat(all.get("findings")).isEmpty();
    assertThat(all.get("checks")).extracting(c -> c.get("id").asText()).contains("spot-check-failed");
    JsonNode none = JSON.readTree(t.ok("check", t.ref("files-soci"), "--spot-check", "0", "--json").out());
    assertThat(none.get("checks")).extracting(c -> c.get("id").asText()).doesNotContain("spot-check-failed");
    assertThat(t.ok("check", t.ref("files-soci")).out()).endsWith(
        ": 0 errors, 0 warnings, 0 info (11 checks ran); ok at --fail-on error" + System.lineSeparator());
  }

  @Test
  void badUsageExitsWith2() throws Exception {
    NewCommandsTestSupport t = new NewCommandsTestSupport(tmp);
    String ref = t.ref(MixedLayerImage.FILES);
    assertThat(t.expect(2, "check", ref, "--fail-on", "info").err())
        .contains("Invalid value for option '--fail-on': 'info' is not error or warning");
    assertThat(t.expect(2, "check", ref, "--spot-check", "-1").err()).contains("--spot-check must be 0 or more");
    assertThat(t.expect(2, "check").err()).contains("Missing required parameter: 'REF'");
    assertThat(t.expect(1, "check", t.ref("no-such-tag")).err()).startsWith("sociscope: ");
  }

  @Test
  void theReadmeListsEveryCheckIdWithItsSeverity() throws Exception {
    Path readme = Path.of("").toAbsolutePath();
    while (!Files.exists(readme.resolve("README.md"))) {
      readme = readme.getParent();
    }
    String text = Files.readString(readme.resolve("README.md"), StandardCharsets.UTF_8);
    for (Check c : Check.values()) {
      assertThat(text).as("README row of %s", c.id())
          .contains("| `" + c.id() + "` | " + c.severity().name().toLowerCase(java.util.Locale.ROOT) + " |");
    }
  }
}
