package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.testing.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZtocBuildAndGetFileTest {
  @TempDir Path tmp;

  @Test
  void buildWritesTheGoldenBytes() throws Exception {
    Path out = tmp.resolve("pax.ztoc");
    CliTestSupport.Result r = CliTestSupport.run("ztoc", "build", Vectors.path("layers/pax.tar.gz").toString(),
        "-o", out.toString(), "--span-size", "64KiB", "--build-tool", "oracle");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("53 entries").contains("67 spans");
    assertThat(Files.readAllBytes(out)).isEqualTo(Vectors.bytes("ztoc/pax.tar.gz.span-64KiB.ztoc"));
  }

  @Test
  void getFileExtractsOneFileAndPrintsStats() throws Exception {
    Path out = tmp.resolve("big.txt");
    CliTestSupport.Result r = CliTestSupport.run("ztoc", "get-file",
        Vectors.path("ztoc/pax.tar.gz.span-64KiB.ztoc").toString(), Vectors.path("layers/pax.tar.gz").toString(),
        "/big/compressible.txt", "-o", out.toString(), "--stats");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // big/compressible.txt spans 47..66 at 64 KiB (vectors.json)
    assertThat(Digest.of(Files.readAllBytes(out)).hex()).isEqualTo(expectedSha("big/compressible.txt"));
    assertThat(r.err()).contains("spans touched: 20 (47..66)").contains("compressed bytes read: ");
  }

  @Test
  void errorsAreOneLineWithExitCodeOne() throws Exception {
    Path out = tmp.resolve("x");
    String ztoc = Vectors.path("ztoc/pax.tar.gz.span-64KiB.ztoc").toString();
    String layer = Vectors.path("layers/pax.tar.gz").toString();
    CliTestSupport.Result sym = CliTestSupport.run("ztoc", "get-file", ztoc, layer, "links/sym-rel", "-o",
        out.toString());
    assertThat(sym.exitCode()).isEqualTo(1);
    assertThat(sym.err()).startsWith("sociscope: ").contains("symlink");
    assertThat(out).doesNotExist();

    byte[] bad = Vectors.bytes("layers/pax.tar.gz").clone();
    bad[bad.length - 2000] ^= 1;
    Path badLayer = tmp.resolve("bad.tar.gz");
    Files.write(badLayer, bad);
    CliTestSupport.Result corrupt = CliTestSupport.run("ztoc", "get-file", ztoc, badLayer.toString(),
        "big/compressible.txt", "-o", out.toString());
    assertThat(corrupt.exitCode()).isEqualTo(1);
    assertThat(corrupt.err()).contains("failed verification").contains("span ");
    assertThat(out).doesNotExist();

    CliTestSupport.Result neg = CliTestSupport.run("ztoc", "build",
        Vectors.path("layers/negative-global-pax-header.tar.gz").toString(), "-o", out.toString());
    assertThat(neg.exitCode()).isEqualTo(1);
    assertThat(neg.err()).contains("unsupported input tar entry 'g'");
    assertThat(out).doesNotExist();

    CliTestSupport.Result usage = CliTestSupport.run("ztoc", "build", layer, "-o", out.toString(), "--span-size",
        "lots");
    assertThat(usage.exitCode()).isEqualTo(2);
  }

  private static String expectedSha(String name) {
    for (var layer : Vectors.manifest().get("layers")) {
      for (var e : layer.get("entries")) {
        if (e.get("name").asText().equals(name) && e.has("sha256")) {
          return e.get("sha256").asText();
        }
      }
    }
    throw new IllegalStateException(name);
  }
}
