package dev.sociscope.core.ztoc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.json.GoJson;
import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.testing.Vectors.ZtocVector;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code soci ztoc info} output: same tree as the reference printed, and the text Go's MarshalIndent gives. */
class ZtocInfoTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<ZtocVector> vectors() {
    return Vectors.ztocs();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void jsonIsTheReferenceOutput(ZtocVector v) throws Exception {
    JsonNode expected = Vectors.json(v.infoJson()).get("soci_ztoc_info");
    String printed = ZtocInfo.of(Vectors.bytes(v.ztocFile())).toJson();
    assertThat(JSON.readTree(printed)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void textIsWhatGoMarshalIndentPrints(ZtocVector v) throws Exception {
    JsonNode expected = Vectors.json(v.infoJson()).get("soci_ztoc_info");
    String printed = ZtocInfo.of(Vectors.bytes(v.ztocFile())).toJson();
    assertThat(printed).isEqualTo(marshalIndent(expected) + "\n");
  }

  @Test
  void filesIsNullWhenThereAreNone() {
    ZtocInfo info = new ZtocInfo("0.9", "t", 10, 4, 1, 0, 0, List.of());
    assertThat(info.toJson()).isEqualTo("""
        {
          "version": "0.9",
          "build_tool": "t",
          "size": 10,
          "span_size": 4,
          "num_spans": 1,
          "num_files": 0,
          "num_multi_span_files": 0,
          "files": null
        }
        """);
  }

  @Test
  void countsMultiSpanFilesLikeTheReference() throws Exception {
    ZtocInfo info = ZtocInfo.of(Vectors.bytes("ztoc/plain.tar.span-64KiB.ztoc"));
    ZtocInfo.FileInfo endsOnBoundary = info.files().stream()
        .filter(f -> f.filename().endsWith("ends-on-64k-boundary.bin")).findFirst().orElseThrow();
    // The exclusive end lands exactly on a span start, so upstream counts the next span too.
    assertThat(endsOnBoundary.startSpan()).isEqualTo(32);
    assertThat(endsOnBoundary.endSpan()).isEqualTo(33);
    assertThat(info.numMultiSpanFiles()).isEqualTo(info.files().stream().filter(ZtocInfo.FileInfo::multiSpan).count());
  }

  /**
   * An independent, generic rendering of a JSON tree the way Go's {@code json.MarshalIndent(v, "", "  ")}
   * lays it out (key order as given), used to check the hand-written printer's text.
   */
  static String marshalIndent(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    render(sb, node, "");
    return sb.toString();
  }

  private static void render(StringBuilder sb, JsonNode node, String indent) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        sb.append(indent).append("  ");
        GoJson.appendQuoted(sb, e.getKey()).append(": ");
        render(sb, e.getValue(), indent + "  ");
        sb.append(it.hasNext() ? ",\n" : "\n");
      }
      sb.append(indent).append('}');
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        sb.append(indent).append("  ");
        render(sb, node.get(i), indent + "  ");
        sb.append(i + 1 < node.size() ? ",\n" : "\n");
      }
      sb.append(indent).append(']');
    } else if (node.isTextual()) {
      GoJson.appendQuoted(sb, node.asText());
    } else {
      sb.append(node.toString()); // numbers, null, booleans print the same in Go
    }
  }
}
