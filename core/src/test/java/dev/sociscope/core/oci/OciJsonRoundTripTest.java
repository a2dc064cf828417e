package dev.sociscope.core.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OciJsonRoundTripTest {

  static Stream<String> indexVectorFiles() {
    return Stream.of("image-manifest.json", "index-v1.json", "index-v1-minlayer-1MiB.json",
        "index-v1-minlayer-1250695.json", "index-v1-xattr-opt.json", "index-v2.json",
        "convert-image-manifest.json", "convert-image-index.json", "index-v1-escape-probe.json");
  }

  @ParameterizedTest
  @MethodSource("indexVectorFiles")
  void parseThenWriteGivesTheSameBytes(String name) throws Exception {
    byte[] golden = Vectors.bytes("index/" + name);
    OciDocument doc = OciDocument.parse(golden);
    byte[] again = doc.isIndex() ? OciJson.write(doc.index()) : OciJson.write(doc.manifest());
    assertThat(new String(again, StandardCharsets.UTF_8)).isEqualTo(new String(golden, StandardCharsets.UTF_8));
    assertThat(again).isEqualTo(golden);
  }

  @Test
  void digestIsOverTheReceivedBytes() throws Exception {
    byte[] golden = Vectors.bytes("index/index-v2.json");
    OciDocument doc = OciDocument.parse(golden);
    assertThat(doc.digest().toString())
        .isEqualTo("sha256:2fb877ca6f5ba49882db3fa451145c1e1a736839510f7574b344e28397854876");
    assertThat(doc.size()).isEqualTo(1858);

    byte[] pretty = ("{\n  " + new String(golden, StandardCharsets.UTF_8).substring(1)).getBytes(StandardCharsets.UTF_8);
    OciDocument prettyDoc = OciDocument.parse(pretty);
    assertThat(prettyDoc.digest()).isNotEqualTo(doc.digest()).isEqualTo(Digest.of(pretty));
    assertThat(OciJson.write(prettyDoc.manifest())).isEqualTo(golden);
  }

  @Test
  void escapeProbeAnnotationsAreReadAsGoWroteThem() throws Exception {
    ImageManifest m = OciJson.parseManifest(Vectors.bytes("index/index-v1-escape-probe.json"));
    assertThat(m.annotation("com.amazon.soci.build-tool-identifier"))
        .isEqualTo("oracle <>&'\"\\/\t\n\r\u0001\u001f\u007f \u00e9\u00a0\u2028\u2029\uD83D\uDE00");
    assertThat(m.annotations()).containsKeys("a<", "a=", "a]", "Z", "~", "\u00e9");
  }
}
