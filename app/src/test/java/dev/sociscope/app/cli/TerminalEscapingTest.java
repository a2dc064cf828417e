package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control characters from the input never reach the terminal (issue 14, finding 10): file names, link targets,
 * tags, annotations and error messages that quote input are printed escaped as {@code ls -b} does; JSON output
 * keeps the exact values. One real image (a gzip layer indexed with {@code create}) with hostile names.
 */
class TerminalEscapingTest {
  private static final String ESC = "\u001b";
  private static final String CLEAR = ESC + "[2J";
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  static String ref;
  static String cache;
  static Path layout;

  @BeforeAll
  static void image() throws Exception {
    layout = tmp.resolve("layout");
    ref = new TestImage().dir("etc").file("etc/red" + ESC + "[31m", 0100644, "x")
        .file("etc/two\nlines", 0100644, "y").file("etc/tab\there", 0100644, "z")
        .symlink("etc/link", "/target" + CLEAR)
        .annotation("org.example.note", "hi" + CLEAR + "\nFAKE: line")
        .writeLayout(layout, "v1");
    cache = tmp.resolve("cache").toString();
    CliTestSupport.Result made = CliTestSupport.run("create", ref, "--min-layer-size", "0", "--push",
        "--cache-dir", cache);
    assertThat(made.exitCode()).as(made.err()).isZero();
  }

  @Test
  void lsEscapesNamesAndLinkTargetsAndJsonKeepsThemExact() throws Exception {
    CliTestSupport.Result r = CliTestSupport.run("ls", ref, "/etc", "--cache-dir", cache);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain(ESC).contains("red\\033[31m\n", "two\\nlines\n", "tab\\there\n");
    assertThat(r.out().lines()).hasSize(4);
    CliTestSupport.Result longForm = CliTestSupport.run("ls", ref, "/etc", "-l", "--cache-dir", cache);
    assertThat(longForm.out()).doesNotContain(ESC).contains("link -> /target\\033[2J");
    CliTestSupport.Result recursive = CliTestSupport.run("ls", ref, "/", "-R", "--cache-dir", cache);
    assertThat(recursive.out()).doesNotContain(ESC).contains("etc/two\\nlines\n");

    JsonNode json = JSON.readTree(CliTestSupport.run("ls", ref, "/etc", "--json", "--cache-dir", cache).out());
    assertThat(json.findValuesAsText("path")).contains("/etc/red" + ESC + "[31m", "/etc/two\nlines");
    assertThat(json.findValuesAsText("linkname")).containsExactly("/target" + CLEAR);
  }

  @Test
  void inspectEscapesAnnotationsAndJsonKeepsThemExact() throws Exception {
    CliTestSupport.Result r = CliTestSupport.run("inspect", ref);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain(ESC).contains("org.example.note=hi\\033[2J\\nFAKE: line\n");
    assertThat(r.out().lines()).noneMatch(l -> l.startsWith("FAKE"));
    JsonNode raw = JSON.readTree(CliTestSupport.run("inspect", ref, "--raw").out());
    assertThat(raw.get("annotations").get("org.example.note").asText()).isEqualTo("hi" + CLEAR + "\nFAKE: line");
  }

  @Test
  void tagsAreEscaped() throws Exception {
    Path index = layout.resolve("index.json");
    Path copy = tmp.resolve("tagged");
    copyTree(layout, copy);
    Files.writeString(copy.resolve("index.json"), Files.readString(index).replace("\"v1\"", "\"v1\\u001b[2Jevil\\nv2\""));
    CliTestSupport.Result r = CliTestSupport.run("ls-tags", "oci:" + copy);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain(ESC).contains("v1\\033[2Jevil\\nv2\n");
    CliTestSupport.Result json = CliTestSupport.run("ls-tags", "oci:" + copy, "--json");
    assertThat(JSON.readTree(json.out()).get(0).asText()).isEqualTo("v1" + CLEAR + "evil\nv2");
  }

  @Test
  void errorsThatQuoteInputAreOneEscapedLine() {
    CliTestSupport.Result r = CliTestSupport.run("get", ref, "/etc/no" + CLEAR + "\nsuch", "--cache-dir", cache);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).doesNotContain(ESC).contains("no\\033[2J\\nsuch").endsWith("\n");
    assertThat(r.err().lines()).hasSize(1);
    CliTestSupport.Result usage = CliTestSupport.run("ls", ref, "--bad" + CLEAR);
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.err()).doesNotContain(ESC).contains("--bad\\033[2J");
  }

  @Test
  void tableCellsAndEveryOtherTextOutputAreGuarded() {
    StringWriter s = new StringWriter();
    Table.print(new PrintWriter(s), List.of(new String[] {"TAG", "X"}, new String[] {"v" + CLEAR + "\n", "y"}));
    assertThat(s.toString()).doesNotContain(ESC).contains("v\\033[2J\\n");
    // a printer that forgot to escape still cannot send an escape sequence
    StringWriter raw = new StringWriter();
    PrintWriter guarded = TerminalWriter.wrap(new PrintWriter(raw));
    guarded.println("name: " + CLEAR + "\u0007 {\"json\": \"\\u001b\"}");
    assertThat(raw.toString()).isEqualTo("name: \\033[2J\\007 {\"json\": \"\\u001b\"}" + System.lineSeparator());
  }

  @Test
  void ztocInfoEscapesNames() throws Exception {
    Path layer = tmp.resolve("layer.tar.gz");
    Files.write(layer, new TestImage().file("bin/x" + CLEAR, 0100755, "x").layer());
    Path ztoc = tmp.resolve("layer.ztoc");
    assertThat(CliTestSupport.run("ztoc", "build", layer.toString(), "-o", ztoc.toString()).exitCode()).isZero();
    CliTestSupport.Result r = CliTestSupport.run("ztoc", "info", ztoc.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain(ESC).contains("bin/x\\033[2J");
    assertThat(new String(Files.readAllBytes(ztoc), StandardCharsets.ISO_8859_1)).contains(CLEAR);
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (var walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
