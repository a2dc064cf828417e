package dev.sociscope.core.ztoc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.testing.Vectors.ZtocVector;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checkpoints and span geometry of every golden zTOC match {@code checkpoints.json}, the checkpoint data
 * re-encodes to the stored bytes, and every span digest is the SHA-256 of the layer bytes our geometry names.
 */
class ZinfoVectorTest {

  static List<ZtocVector> vectors() {
    return Vectors.ztocs();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void checkpointsAndSpansMatchTheReference(ZtocVector v) throws Exception {
    JsonNode cps = Vectors.json(v.checkpointsJson());
    ZtocReader.Parsed parsed = ZtocReader.readWithZinfo(Vectors.bytes(v.ztocFile()));
    Zinfo zinfo = parsed.zinfo();
    byte[] blob = parsed.ztoc().compressionInfo().checkpoints();

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(blob.length).isEqualTo(cps.get("blob_size").asInt());
    soft.assertThat(ZtocVectorTest.sha256(blob)).isEqualTo(cps.get("blob_sha256").asText());
    soft.assertThat(zinfo.spanSize()).isEqualTo(cps.get("span_size").asLong());
    soft.assertThat(zinfo.maxSpanId()).isEqualTo(cps.get("max_span_id").asInt());
    soft.assertThat(zinfo.spanCount()).isEqualTo(cps.get("num_checkpoints").asInt());
    if (zinfo instanceof GzipZinfo gzip) {
      soft.assertThat(cps.get("compression_algorithm").asText()).isEqualTo("gzip");
      soft.assertThat(cps.get("blob_version").asInt()).isEqualTo(2);
      soft.assertThat(gzip.checkpoints()).hasSize(cps.get("blob_header_num_checkpoints").asInt());
      soft.assertThat(gzip.spanSize()).isEqualTo(cps.get("blob_header_span_size").asLong());
      JsonNode expected = cps.get("checkpoints");
      soft.assertThat(gzip.checkpoints()).hasSize(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        Checkpoint c = gzip.checkpoints().get(i);
        JsonNode e = expected.get(i);
        String at = v + " checkpoint " + i + ": ";
        soft.assertThat(c.compressedOffset()).as(at + "in").isEqualTo(e.get("compressed_offset").asLong());
        soft.assertThat(c.uncompressedOffset()).as(at + "out").isEqualTo(e.get("uncompressed_offset").asLong());
        soft.assertThat(c.bits()).as(at + "bits").isEqualTo(e.get("bits").asInt());
        soft.assertThat(hex(c.window())).as(at + "window").isEqualTo(e.get("window_sha256").asText());
        soft.assertThat(allZero(c.window())).as(at + "window zero").isEqualTo(e.get("window_all_zero").asBoolean());
        soft.assertThat(GzipZinfo.HEADER_SIZE + (long) i * GzipZinfo.RECORD_SIZE).as(at + "blob offset")
            .isEqualTo(e.get("blob_offset").asLong());
      }
      soft.assertThat(gzip.encode()).as("re-encoded checkpoint blob").isEqualTo(blob);
    } else {
      TarZinfo tar = (TarZinfo) zinfo;
      soft.assertThat(cps.get("compression_algorithm").asText()).isEqualTo("uncompressed");
      soft.assertThat(tar.version()).isEqualTo(cps.get("tar_zinfo_version").asInt());
      soft.assertThat(tar.size()).isEqualTo(cps.get("tar_zinfo_size").asLong());
      soft.assertThat(tar.encode()).as("re-encoded TarZinfo").isEqualTo(blob);
      soft.assertThat(TarZinfo.of(tar.spanSize(), tar.size(), 0).encode()).isEqualTo(blob);
    }

    JsonNode spans = cps.get("spans");
    soft.assertThat(spans.size()).isEqualTo(zinfo.spanCount());
    List<String> digests = parsed.ztoc().compressionInfo().spanDigests();
    for (int i = 0; i < spans.size(); i++) {
      JsonNode s = spans.get(i);
      String at = v + " span " + i + ": ";
      soft.assertThat(s.get("span_id").asInt()).isEqualTo(i);
      soft.assertThat(zinfo.compressedStart(i)).as(at + "start_compressed").isEqualTo(s.get("start_compressed").asLong());
      soft.assertThat(zinfo.compressedEnd(i)).as(at + "end_compressed").isEqualTo(s.get("end_compressed").asLong());
      soft.assertThat(zinfo.uncompressedStart(i)).as(at + "start_uncompressed")
          .isEqualTo(s.get("start_uncompressed").asLong());
      soft.assertThat(zinfo.uncompressedEnd(i)).as(at + "end_uncompressed")
          .isEqualTo(s.get("end_uncompressed").asLong());
      soft.assertThat(digests.get(i)).as(at + "digest").isEqualTo(s.get("digest").asText());
    }
    soft.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void spanDigestsAreTheHashesOfTheLayerBytesOurGeometryNames(ZtocVector v) throws Exception {
    byte[] layer = Vectors.bytes(v.layerFile());
    ZtocReader.Parsed parsed = ZtocReader.readWithZinfo(Vectors.bytes(v.ztocFile()));
    Zinfo zinfo = parsed.zinfo();
    assertThat(parsed.ztoc().compressedArchiveSize()).isEqualTo(layer.length);
    for (int i = 0; i < zinfo.spanCount(); i++) {
      byte[] span = Arrays.copyOfRange(layer, (int) zinfo.compressedStart(i), (int) zinfo.compressedEnd(i));
      assertThat(ZtocVectorTest.sha256(span)).as("span %d", i)
          .isEqualTo(parsed.ztoc().compressionInfo().spanDigests().get(i));
    }
  }

  private static String hex(byte[] window) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(window));
  }

  private static boolean allZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
