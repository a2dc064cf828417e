package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.testing.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZtocInfoCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PAX = "ztoc/pax.tar.gz.span-64KiB.ztoc";
  private static final String PLAIN = "ztoc/plain.tar.span-64KiB.ztoc";

  private static String path(String vector) {
    return Vectors.path(vector).toString();
  }

  @Test
  void jsonIsExactlyWhatUpstreamPrints() throws Exception {
    for (Vectors.ZtocVector v : Vectors.ztocs()) {
      CliTestSupport.Result r = CliTestSupport.run("ztoc", "info", "--json", path(v.ztocFile()));
      assertThat(r.exitCode()).as(v.toString()).isZero();
      assertThat(r.err()).isEmpty();
      JsonNode expected = Vectors.json(v.infoJson()).get("soci_ztoc_info");
      assertThat(JSON.readTree(r.out())).as(v.toString()).isEqualTo(expected);
      assertThat(r.out()).startsWith("{\n  \"version\": \"0.9\",\n  \"build_tool\": \"oracle\",\n").endsWith("  ]\n}\n");
    }
  }

  @Test
  void summaryShowsTheHeadlineFiguresAndAFileTable() {
    CliTestSupport.Result r = CliTestSupport.run("ztoc", "info", path(PAX));
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("Version:          0.9")
        .contains("Build tool:       oracle")
        .contains("Size:             2,213,016 bytes (2.1 MiB)")
        .contains("Layer blob:       3,749,609 bytes (3.6 MiB)\n")
        .contains("Tar stream:       6,350,336 bytes (6.1 MiB), up to the end-of-archive blocks\n")
        .contains("Compression:      gzip")
        .contains("Span size:        65,536 bytes (64.0 KiB)")
        .contains("Spans:            67")
        .contains("Files:            53")
        .contains("Multi-span files: 2")
        .containsPattern("\\s+OFFSET\\s+SIZE\\s+TYPE\\s+SPANS\\s+NAME")
        .containsPattern("\\s+3072\\s+3145851\\s+reg\\s+0-47\\s+big/random.bin\n")
        .containsPattern("symlink\\s+66\\s+links/sym-rel -> ../etc/tiny.txt\n")
        .contains("tricky/name with spaces & 'quotes' \"dq\" ;semi");
    assertThat(r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+\\w+\\s+[\\d-]+\\s+.*")).count())
        .isEqualTo(53);
  }

  @Test
  void checkpointsListsEveryCheckpointAndSpan() {
    CliTestSupport.Result r = CliTestSupport.run("ztoc", "info", "--checkpoints",
        path("ztoc/multimember-3-with-empty.tar.gz.span-64KiB.ztoc"));
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("Checkpoints (4):")
        .containsPattern("\\s+INDEX\\s+COMPRESSED\\s+UNCOMPRESSED\\s+BITS")
        .containsPattern("\n\\s+1\\s+13913\\s+70000\\s+0\n")
        .contains("Spans (4):")
        .containsPattern("\n\\s+3\\s+\\[60508, 60518\\)\\s+\\[317440, 311808\\)\\s+"
            + "sha256:41f45e0c4ba13f0e8c873f321d4a83b354816b4f6f1c7cb51b97d7fae02ebe25\n");
  }

  @Test
  void checkpointsOfAnUncompressedLayerShowTheTarZinfo() {
    CliTestSupport.Result r = CliTestSupport.run("ztoc", "info", "--checkpoints", path(PLAIN));
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("Compression:      uncompressed")
        .contains("Checkpoints: none (uncompressed tar; TarZinfo version 2, span size 65536, size 2232320)")
        .contains("Spans (35):")
        .containsPattern("\n\\s+0\\s+\\[0, 65536\\)\\s+\\[0, 65536\\)\\s+sha256:cc84a89d0a66");
  }

  @Test
  void metadataShowsEveryField() {
    CliTestSupport.Result r = CliTestSupport.run("ztoc", "info", "--metadata", path(PAX));
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("] owners/big-ids\n")
        .contains("    owner   uid 3000000 (ü-user-with-a-name-longer-than-32-bytes), gid 4000000 (grp)\n")
        .contains("    pax     uid=3000000\n")
        .contains("] modes/all-bits\n    type    reg\n")
        .contains("    mode    07777 (-rwsrwsrwt)\n")
        .contains("    mode    0100644 (-rw-r--r--)\n")
        .contains("    mtime   2023-11-14T22:13:20.123456789Z\n")
        .contains("    mtime   1969-12-31T23:59:58.5Z\n")
        .contains("    device  1,3\n")
        .contains("    link    ../etc/tiny.txt\n")
        .contains("    pax     SCHILY.xattr.security.capability=0x01000002002000" + "00fffe8000 (12 bytes)\n")
        .contains("    pax     SCHILY.xattr.user.comment=héllo wörld\n")
        .doesNotContain("OFFSET");
  }

  @Test
  void jsonCannotBeCombinedWithTheDetailOptions() {
    CliTestSupport.Result r = CliTestSupport.run("ztoc", "info", "--json", "--metadata", path(PAX));
    assertThat(r.exitCode()).isEqualTo(SociscopeCommand.EXIT_USAGE);
    assertThat(r.err()).contains("cannot be combined");
  }

  @Test
  void missingFileIsOneClearLine() {
    CliTestSupport.Result r = CliTestSupport.run("ztoc", "info", "/no/such/file.ztoc");
    assertThat(r.exitCode()).isEqualTo(SociscopeCommand.EXIT_USER_ERROR);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("sociscope: /no/such/file.ztoc: no such file\n");
  }

  @Test
  void corruptZtocIsOneClearLine(@TempDir Path dir) throws Exception {
    byte[] bytes = Vectors.bytes(PLAIN);
    Path cut = dir.resolve("cut.ztoc");
    Files.write(cut, Arrays.copyOf(bytes, 100));
    CliTestSupport.Result r = CliTestSupport.run("ztoc", "info", cut.toString());
    assertThat(r.exitCode()).isEqualTo(SociscopeCommand.EXIT_USER_ERROR);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("sociscope: " + cut + " is not a valid zTOC: Ztoc.")
        .contains("outside the 100-byte buffer").endsWith("\n");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void directoryIsRejected(@TempDir Path dir) {
    CliTestSupport.Result r = CliTestSupport.run("ztoc", "info", dir.toString());
    assertThat(r.exitCode()).isEqualTo(SociscopeCommand.EXIT_USER_ERROR);
    assertThat(r.err()).isEqualTo("sociscope: " + dir + " is a directory, not a zTOC file\n");
  }

  @Test
  void ztocHelpListsInfo() {
    CliTestSupport.Result r = CliTestSupport.run("ztoc", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("info");
  }
}
