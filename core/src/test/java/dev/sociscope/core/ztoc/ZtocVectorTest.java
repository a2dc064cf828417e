package dev.sociscope.core.ztoc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.testing.Vectors.ZtocVector;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every field the reference reads out of each golden zTOC ({@code info.json}) matches what ZtocReader reads. */
class ZtocVectorTest {

  static List<ZtocVector> vectors() {
    return Vectors.ztocs();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void headerFieldsMatchTheReference(ZtocVector v) throws Exception {
    byte[] bytes = Vectors.bytes(v.ztocFile());
    JsonNode info = Vectors.json(v.infoJson());
    ZtocReader.Parsed parsed = ZtocReader.readWithZinfo(bytes);
    Ztoc ztoc = parsed.ztoc();
    Zinfo zinfo = parsed.zinfo();
    CompressionInfo ci = ztoc.compressionInfo();

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(bytes.length).isEqualTo(info.get("ztoc_file").get("size").asInt());
    soft.assertThat(sha256(bytes)).isEqualTo(info.get("ztoc_file").get("sha256").asText());
    soft.assertThat(ztoc.version()).isEqualTo(info.get("version").asText());
    soft.assertThat(ztoc.buildToolIdentifier()).isEqualTo(info.get("build_tool_identifier").asText());
    soft.assertThat(ztoc.compressedArchiveSize()).isEqualTo(info.get("compressed_archive_size").asLong());
    soft.assertThat(ztoc.uncompressedArchiveSize()).isEqualTo(info.get("uncompressed_archive_size").asLong());
    soft.assertThat(ci.algorithm().displayName()).isEqualTo(info.get("compression_algorithm").asText());
    soft.assertThat(ci.maxSpanId()).isEqualTo(info.get("max_span_id").asInt());
    soft.assertThat(ci.spanCount()).isEqualTo(info.get("num_spans").asInt());
    soft.assertThat(zinfo.spanSize()).isEqualTo(info.get("span_size").asLong());
    soft.assertThat(zinfo.spanCount()).isEqualTo(info.get("num_checkpoints").asInt());
    soft.assertThat(ci.checkpoints().length).isEqualTo(info.get("checkpoints_blob_size").asInt());
    soft.assertThat(sha256(ci.checkpoints())).isEqualTo(info.get("checkpoints_blob_sha256").asText());
    soft.assertThat(ci.spanDigests()).isEqualTo(texts(info.get("span_digests")));
    soft.assertThat(ztoc.files()).hasSize(info.get("num_files").asInt());
    soft.assertThat(v.spanSize()).isEqualTo(zinfo.spanSize());
    soft.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyFileMetadataFieldMatchesTheReference(ZtocVector v) throws Exception {
    JsonNode info = Vectors.json(v.infoJson());
    ZtocReader.Parsed parsed = ZtocReader.readWithZinfo(Vectors.bytes(v.ztocFile()));
    Ztoc ztoc = parsed.ztoc();
    JsonNode expected = info.get("files");
    assertThat(ztoc.files()).hasSize(expected.size());

    SoftAssertions soft = new SoftAssertions();
    for (int i = 0; i < expected.size(); i++) {
      JsonNode e = expected.get(i);
      FileMetadata f = ztoc.files().get(i);
      String at = v + " file " + i + " " + e.get("name").asText() + ": ";
      soft.assertThat(e.get("index").asInt()).as(at + "index").isEqualTo(i);
      soft.assertThat(f.name()).as(at + "name").isEqualTo(e.get("name").asText());
      soft.assertThat(f.type().wireName()).as(at + "type").isEqualTo(e.get("type").asText());
      soft.assertThat(f.uncompressedOffset()).as(at + "offset").isEqualTo(e.get("uncompressed_offset").asLong());
      soft.assertThat(f.uncompressedSize()).as(at + "size").isEqualTo(e.get("uncompressed_size").asLong());
      soft.assertThat(ztoc.tarHeaderOffset(i)).as(at + "tar_header_offset")
          .isEqualTo(e.get("tar_header_offset").asLong());
      soft.assertThat(f.linkname()).as(at + "linkname").isEqualTo(e.get("linkname").asText());
      soft.assertThat(f.mode()).as(at + "mode").isEqualTo(e.get("mode").asLong());
      soft.assertThat("0" + Long.toOctalString(f.mode())).as(at + "mode_octal")
          .isEqualTo(e.get("mode_octal").asText());
      soft.assertThat(f.uid()).as(at + "uid").isEqualTo(e.get("uid").asLong());
      soft.assertThat(f.gid()).as(at + "gid").isEqualTo(e.get("gid").asLong());
      soft.assertThat(f.uname()).as(at + "uname").isEqualTo(e.get("uname").asText());
      soft.assertThat(f.gname()).as(at + "gname").isEqualTo(e.get("gname").asText());
      soft.assertThat(f.modTime()).as(at + "mod_time_raw").isEqualTo(e.get("mod_time_raw").asText());
      Instant mtime = ModTime.parse(f.modTime());
      soft.assertThat(mtime.getEpochSecond()).as(at + "mod_time_unix").isEqualTo(e.get("mod_time_unix").asLong());
      soft.assertThat((long) mtime.getNano()).as(at + "mod_time_nsec").isEqualTo(e.get("mod_time_nsec").asLong());
      soft.assertThat(ModTime.format(mtime)).as(at + "mod_time").isEqualTo(e.get("mod_time").asText());
      soft.assertThat(f.devmajor()).as(at + "devmajor").isEqualTo(e.get("devmajor").asLong());
      soft.assertThat(f.devminor()).as(at + "devminor").isEqualTo(e.get("devminor").asLong());
      soft.assertThat(records(f.paxRecords())).as(at + "pax_headers").isEqualTo(records(e.get("pax_headers")));
      soft.assertThat(records(f.xattrs())).as(at + "xattrs").isEqualTo(records(e.get("xattrs")));
      soft.assertThat(parsed.zinfo().spanOf(f.uncompressedOffset())).as(at + "start_span")
          .isEqualTo(e.get("start_span").asInt());
      soft.assertThat(parsed.zinfo().spanOf(f.dataEnd())).as(at + "end_span").isEqualTo(e.get("end_span").asInt());
    }
    soft.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void storedEntryOrderIsTheOrderWeRead(ZtocVector v) throws Exception {
    JsonNode stored = Vectors.json(v.infoJson()).get("fbs_raw").get("metadata_stored_order");
    Ztoc ztoc = ZtocReader.read(Vectors.bytes(v.ztocFile()));
    List<Long> storedOffsets = new ArrayList<>();
    stored.forEach(n -> storedOffsets.add(n.get("uncompressed_offset").asLong()));
    assertThat(ztoc.files().stream().map(FileMetadata::uncompressedOffset).toList()).isEqualTo(storedOffsets);
  }

  /** key + value bytes of each record, in order, as comparable strings. */
  private static List<String> records(List<PaxRecord> records) {
    return records.stream().map(r -> r.key() + "=" + Base64.getEncoder().encodeToString(r.value())).toList();
  }

  private static List<String> records(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : array) {
      byte[] value = r.has("value_base64") ? Base64.getDecoder().decode(r.get("value_base64").asText())
          : r.get("value").asText().getBytes(StandardCharsets.UTF_8);
      out.add(r.get("key").asText() + "=" + Base64.getEncoder().encodeToString(value));
    }
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
