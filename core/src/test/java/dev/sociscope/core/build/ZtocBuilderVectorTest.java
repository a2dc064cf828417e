package dev.sociscope.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.tar.TarFormatException;
import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.testing.Vectors.ZtocVector;
import dev.sociscope.core.ztoc.Checkpoint;
import dev.sociscope.core.ztoc.CompressionAlgorithm;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.GzipZinfo;
import dev.sociscope.core.ztoc.PaxRecord;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our builder against the reference implementation's zTOCs for every vector layer and span size. */
class ZtocBuilderVectorTest {
  static Stream<ZtocVector> vectors() {
    return Vectors.ztocs().stream();
  }

  static Ztoc build(ZtocVector v) throws IOException {
    byte[] layer = Vectors.bytes(v.layerFile());
    return new ZtocBuilder(new ZtocBuilder.Options(v.spanSize(), "oracle")).build(new ByteArrayInputStream(layer));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void infoMatchesUpstream(ZtocVector v) throws Exception {
    Ztoc z = build(v);
    JsonNode info = Vectors.json(v.infoJson());
    assertThat(z.version()).isEqualTo(info.get("version").asText());
    assertThat(z.buildToolIdentifier()).isEqualTo("oracle");
    assertThat(z.compressedArchiveSize()).isEqualTo(info.get("compressed_archive_size").asLong());
    assertThat(z.uncompressedArchiveSize()).isEqualTo(info.get("uncompressed_archive_size").asLong());
    assertThat(z.compressionInfo().algorithm().displayName()).isEqualTo(info.get("compression_algorithm").asText());
    assertThat(z.compressionInfo().maxSpanId()).isEqualTo(info.get("max_span_id").asInt());
    List<String> digests = new ArrayList<>();
    info.get("span_digests").forEach(d -> digests.add(d.asText()));
    assertThat(z.compressionInfo().spanDigests()).isEqualTo(digests);
    assertThat(Digest.of(z.compressionInfo().checkpoints()).toString())
        .isEqualTo(info.get("checkpoints_blob_sha256").asText());

    JsonNode files = info.get("files");
    assertThat(z.files()).hasSize(files.size());
    for (int i = 0; i < files.size(); i++) {
      JsonNode f = files.get(i);
      FileMetadata m = z.files().get(i);
      String where = v + " entry " + i + " " + f.get("name").asText();
      assertThat(m.name()).as(where).isEqualTo(f.get("name").asText());
      assertThat(m.type().wireName()).as(where).isEqualTo(f.get("type").asText());
      assertThat(m.uncompressedOffset()).as(where).isEqualTo(f.get("uncompressed_offset").asLong());
      assertThat(m.uncompressedSize()).as(where).isEqualTo(f.get("uncompressed_size").asLong());
      assertThat(m.linkname()).as(where).isEqualTo(f.get("linkname").asText());
      assertThat(m.mode()).as(where).isEqualTo(f.get("mode").asLong());
      assertThat(m.uid()).as(where).isEqualTo(f.get("uid").asLong());
      assertThat(m.gid()).as(where).isEqualTo(f.get("gid").asLong());
      assertThat(m.uname()).as(where).isEqualTo(f.get("uname").asText());
      assertThat(m.gname()).as(where).isEqualTo(f.get("gname").asText());
      assertThat(m.modTime()).as(where).isEqualTo(f.get("mod_time_raw").asText());
      assertThat(m.devmajor()).as(where).isEqualTo(f.get("devmajor").asLong());
      assertThat(m.devminor()).as(where).isEqualTo(f.get("devminor").asLong());
      List<PaxRecord> pax = new ArrayList<>();
      for (JsonNode r : f.get("pax_headers")) {
        byte[] value = r.has("value_base64") ? Base64.getDecoder().decode(r.get("value_base64").asText())
            : r.get("value").asText().getBytes(StandardCharsets.UTF_8);
        pax.add(new PaxRecord(r.get("key").asText(), value));
      }
      assertThat(m.paxRecords()).as(where).isEqualTo(pax);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void checkpointsMatchUpstream(ZtocVector v) throws Exception {
    Ztoc z = build(v);
    JsonNode cps = Vectors.json(v.checkpointsJson());
    if (z.compressionInfo().algorithm() == CompressionAlgorithm.UNCOMPRESSED) {
      assertThat(cps.get("compression_algorithm").asText()).isEqualTo("uncompressed");
      assertThat(Digest.of(z.compressionInfo().checkpoints()).toString()).isEqualTo(cps.get("blob_sha256").asText());
      return;
    }
    GzipZinfo zinfo = GzipZinfo.decode(z.compressionInfo().checkpoints(), z.compressedArchiveSize(),
        z.uncompressedArchiveSize());
    JsonNode expected = cps.get("checkpoints");
    assertThat(zinfo.checkpoints()).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      JsonNode e = expected.get(i);
      Checkpoint c = zinfo.checkpoints().get(i);
      assertThat(c.compressedOffset()).as("%s cp %d in", v, i).isEqualTo(e.get("compressed_offset").asLong());
      assertThat(c.uncompressedOffset()).as("%s cp %d out", v, i).isEqualTo(e.get("uncompressed_offset").asLong());
      assertThat(c.bits()).as("%s cp %d bits", v, i).isEqualTo(e.get("bits").asInt());
      assertThat(Digest.of(c.window()).hex()).as("%s cp %d window", v, i).isEqualTo(e.get("window_sha256").asText());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void builtZtocIsByteIdenticalToGolden(ZtocVector v) throws Exception {
    byte[] ours = ZtocWriter.write(build(v));
    byte[] golden = Vectors.bytes(v.ztocFile());
    assertThat(Digest.of(ours)).isEqualTo(Digest.of(golden));
    assertThat(ours).isEqualTo(golden);
  }

  @org.junit.jupiter.api.Test
  void globalPaxHeaderIsRefused() {
    byte[] layer = Vectors.bytes("layers/negative-global-pax-header.tar.gz");
    assertThatThrownBy(() -> new ZtocBuilder(ZtocBuilder.Options.defaults()).build(new ByteArrayInputStream(layer)))
        .isInstanceOf(TarFormatException.class).hasMessageContaining("unsupported input tar entry 'g'");
  }

  @org.junit.jupiter.api.Test
  void paxSparseFileIsRefused() {
    byte[] layer = Vectors.bytes("layers/negative-pax-sparse.tar.gz");
    assertThatThrownBy(() -> new ZtocBuilder(ZtocBuilder.Options.defaults()).build(new ByteArrayInputStream(layer)))
        .isInstanceOf(TarFormatException.class).hasMessageContaining("sparse");
  }
}
