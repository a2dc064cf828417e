package dev.sociscope.core.soci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.testing.Vectors;
import java.util.HashMap;
import java.util.Map;

/** The 1 MiB-span zTOC facts of the golden vectors, looked up by layer digest (from vectors.json + info JSON). */
final class VectorZtocs implements SociIndexBuilder.ZtocMaker<RuntimeException> {
  static final long SPAN_1MIB = 1L << 20;

  private final Map<Digest, BuiltZtoc> byLayer = new HashMap<>();
  private int calls;

  VectorZtocs() {
    for (JsonNode layer : Vectors.manifest().get("layers")) {
      for (JsonNode z : layer.get("ztocs")) {
        if (z.get("span_size").asLong() != SPAN_1MIB) {
          continue;
        }
        JsonNode info = Vectors.json(z.get("info").asText());
        boolean xattrs = false;
        boolean opaque = false;
        for (JsonNode file : info.get("files")) {
          opaque |= file.get("name").asText().endsWith(".wh..wh..opq");
          for (JsonNode pax : file.path("pax_headers")) {
            xattrs |= pax.get("key").asText().startsWith("SCHILY.xattr.");
          }
        }
        byLayer.put(Digest.parse(layer.get("digest").asText()),
            new BuiltZtoc(Digest.parse("sha256:" + z.get("sha256").asText()), z.get("size").asLong(), xattrs,
                opaque, false));
      }
    }
  }

  @Override
  public BuiltZtoc make(Descriptor layer, dev.sociscope.core.oci.MediaType.Compression compression) {
    calls++;
    BuiltZtoc z = byLayer.get(layer.digest());
    if (z == null) {
      throw new IllegalStateException("no 1 MiB zTOC vector for layer " + layer.digest());
    }
    return z;
  }

  int calls() {
    return calls;
  }
}
