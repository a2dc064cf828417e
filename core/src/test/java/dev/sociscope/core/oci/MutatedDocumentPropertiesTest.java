package dev.sociscope.core.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.soci.BuiltZtoc;
import dev.sociscope.core.soci.SociBuildException;
import dev.sociscope.core.soci.SociEnabledIndex;
import dev.sociscope.core.soci.SociIndex;
import dev.sociscope.core.soci.SociIndexBuilder;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.testing.RandomCases;
import dev.sociscope.core.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Robustness: every golden JSON vector, mutated at the byte level or in its tree, must either parse or fail with a
 * typed {@link OciFormatException} (or {@link SociBuildException} when building from it), never with an
 * unchecked exception.
 */
class MutatedDocumentPropertiesTest {
  private static final List<String> FILES = List.of("image-manifest.json", "image-config.json", "index-v1.json",
      "index-v1-xattr-opt.json", "index-v2.json", "convert-image-manifest.json", "convert-image-index.json",
      "index-v1-escape-probe.json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] TOKENS = "{}[]\",:0123456789-+.eEtrufalsn \\u\n\u00ff".getBytes(StandardCharsets.ISO_8859_1);

  private static final byte[] PREFETCH_EXAMPLE = ("{\"version\":\"1.0\",\"prefetch_spans\":["
      + "{\"start_span\":0,\"end_span\":2},{\"start_span\":7,\"end_span\":7,\"priority\":1}]}")
      .getBytes(StandardCharsets.UTF_8);

  /** One vector, mutated 1 to 3 times either as bytes or as a JSON tree. */
  private static byte[] mutate(byte[] original, Random random) {
    int count = RandomCases.intBetween(random, 1, 3);
    return random.nextBoolean() ? mutateTree(original, random, count) : mutateBytes(original, random, count);
  }

  @Test
  void onlyTypedExceptionsEscape() {
    RandomCases.run("mutated OCI documents fail only with typed exceptions", 4000, random -> {
      byte[] original = Vectors.bytes("index/" + RandomCases.pick(random, FILES));
      exercise(mutate(original, random));
    });
  }

  @Test
  void prefetchBlobsFailOnlyWithTypedExceptions() {
    RandomCases.run("mutated prefetch blobs fail only with typed exceptions", 1000, random -> {
      try {
        dev.sociscope.core.soci.PrefetchArtifact.parse(mutate(PREFETCH_EXAMPLE, random)).toBytes();
      } catch (OciFormatException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    });
  }

  /** Runs every reader on the bytes; returns how far they got (for the statistics report). */
  static String exercise(byte[] bytes) {
    String outcome = "rejected";
    OciDocument doc = null;
    try {
      doc = OciDocument.parse(bytes);
      assertThat(doc.digest()).isEqualTo(Digest.of(bytes));
      if (doc.isManifest()) {
        OciJson.write(doc.manifest());
        ReferrersIndex.referrerDescriptor(doc);
        outcome = "manifest";
      } else if (doc.isIndex()) {
        OciJson.write(doc.index());
        new SociEnabledIndex(doc.index()).entries();
        ReferrersIndex.of(doc.index()).add(doc.descriptor()).toBytes();
        outcome = "index";
      }
    } catch (OciFormatException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    if (doc != null && doc.isManifest()) {
      try {
        SociIndex.from(doc).canonicalBytes();
        outcome = "soci index";
      } catch (OciFormatException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
      try {
        build(doc);
        outcome += " + built";
      } catch (SociBuildException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
    try {
      OciJson.parseConfigPlatform(bytes);
    } catch (OciFormatException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    return outcome;
  }

  private static void build(OciDocument doc) throws SociBuildException {
    SociIndexBuilder.build(doc.descriptor(), doc.manifest().layers(),
        SociIndexOptions.defaults(SociVersion.V1).withMinLayerSize(0),
        (layer, compression) -> new BuiltZtoc(Digest.of(new byte[] {1}), 1, false, false, false));
  }

  static byte[] mutateBytes(byte[] original, Random random, int count) {
    List<Byte> bytes = new ArrayList<>();
    for (byte b : original) {
      bytes.add(b);
    }
    for (int m = 0; m < count; m++) {
      int size = bytes.size();
      int at = size == 0 ? 0 : random.nextInt(size);
      switch (random.nextInt(7)) {
        case 0: // flip to a JSON-significant or random byte
          if (size > 0) {
            bytes.set(at, random.nextBoolean() ? TOKENS[random.nextInt(TOKENS.length)] : (byte) random.nextInt());
          }
          break;
        case 1: // delete a run
          for (int k = random.nextInt(8) + 1; k > 0 && at < bytes.size(); k--) {
            bytes.remove(at);
          }
          break;
        case 2: // insert a token
          bytes.add(at, TOKENS[random.nextInt(TOKENS.length)]);
          break;
        case 3: // truncate
          while (bytes.size() > at) {
            bytes.remove(bytes.size() - 1);
          }
          break;
        case 4: // duplicate a slice
          int len = Math.min(random.nextInt(40) + 1, size - at);
          List<Byte> slice = new ArrayList<>(bytes.subList(at, at + len));
          bytes.addAll(random.nextInt(bytes.size() + 1), slice);
          break;
        case 5: // a surrogate escape, paired or lone
          byte[] esc = (random.nextBoolean() ? "\\ud83d" : "\\ude00").getBytes(StandardCharsets.US_ASCII);
          for (int k = esc.length - 1; k >= 0; k--) {
            bytes.add(at, esc[k]);
          }
          break;
        default: // digit bump, to reach numeric edge cases
          if (size > 0 && bytes.get(at) >= '0' && bytes.get(at) <= '9') {
            bytes.add(at, (byte) ('0' + random.nextInt(10)));
          }
          break;
      }
    }
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.get(i);
    }
    return out;
  }

  static byte[] mutateTree(byte[] original, Random random, int count) {
    try {
      JsonNode root = JSON.readTree(original);
      for (int m = 0; m < count; m++) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode) {
          ObjectNode obj = (ObjectNode) target;
          List<String> names = new ArrayList<>();
          obj.fieldNames().forEachRemaining(names::add);
          if (!names.isEmpty() && random.nextInt(4) > 0) {
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(3) == 0) {
              obj.remove(name);
            } else {
              obj.set(name, randomValue(random));
            }
          } else {
            obj.set(random.nextBoolean() ? "mediaType" : "x" + random.nextInt(5), randomValue(random));
          }
        } else if (target instanceof ArrayNode) {
          ArrayNode arr = (ArrayNode) target;
          if (arr.size() > 0 && random.nextBoolean()) {
            arr.set(random.nextInt(arr.size()), randomValue(random));
          } else {
            arr.add(randomValue(random));
          }
        }
      }
      return JSON.writeValueAsBytes(root);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      Iterator<JsonNode> it = node.elements();
      while (it.hasNext()) {
        collect(it.next(), out);
      }
    }
  }

  private static JsonNode randomValue(Random random) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (random.nextInt(12)) {
      case 0: return f.nullNode();
      case 1: return f.booleanNode(random.nextBoolean());
      case 2: return f.numberNode(random.nextLong());
      case 3: return f.numberNode(random.nextDouble() * 1e6);
      case 4: return f.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
      case 5: return f.textNode("sha256:" + "0".repeat(random.nextInt(3) == 0 ? 64 : 63));
      case 6: return f.textNode(random.nextBoolean() ? MediaType.OCI_INDEX : MediaType.SOCI_INDEX_V2);
      case 7: return f.arrayNode().add(f.textNode("x"));
      case 8: return f.objectNode().put("digest", "sha256:" + "1".repeat(64)).put("size", -1);
      case 9: return f.numberNode(-random.nextInt(1000));
      case 10: return f.textNode("\uD800 lone");
      default: return f.objectNode();
    }
  }
}
