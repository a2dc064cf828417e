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

    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      JsonNode e = expected.get(i);
      FileMetadata f = ztoc.files().get(i);
      String at = v + " file " + i + " " + e.get("name").asText() + ": ";
      check(mismatches, at + "index", e.get("index").asInt(), i);
      check(mismatches, at + "name", f.name(), e.get("name").asText());
      check(mismatches, at + "type", f.type().wireName(), e.get("type").asText());
      check(mismatches, at + "offset", f.uncompressedOffset(), e.get("uncompressed_offset").asLong());
      check(mismatches, at + "size", f.uncompressedSize(), e.get("uncompressed_size").asLong());
      check(mismatches, at + "tar_header_offset", ztoc.tarHeaderOffset(i), e.get("tar_header_offset").asLong());
      check(mismatches, at + "linkname", f.linkname(), e.get("linkname").asText());
      check(mismatches, at + "mode", f.mode(), e.get("mode").asLong());
      check(mismatches, at + "mode_octal", "0" + Long.toOctalString(f.mode()), e.get("mode_octal").asText());
      check(mismatches, at + "uid", f.uid(), e.get("uid").asLong());
      check(mismatches, at + "gid", f.gid(), e.get("gid").asLong());
      check(mismatches, at + "uname", f.uname(), e.get("uname").asText());
      check(mismatches, at + "gname", f.gname(), e.get("gname").asText());
      check(mismatches, at + "mod_time_raw", f.modTime(), e.get("mod_time_raw").asText());
      Instant mtime = ModTime.parse(f.modTime());
      check(mismatches, at + "mod_time_unix", mtime.getEpochSecond(), e.get("mod_time_unix").asLong());
      check(mismatches, at + "mod_time_nsec", (long) mtime.getNano(), e.get("mod_time_nsec").asLong());
      check(mismatches, at + "mod_time", ModTime.format(mtime), e.get("mod_time").asText());
      check(mismatches, at + "devmajor", f.devmajor(), e.get("devmajor").asLong());
      check(mismatches, at + "devminor", f.devminor(), e.get("devminor").asLong());
      check(mismatches, at + "pax_headers", records(f.paxRecords()), records(e.get("pax_headers")));
      check(mismatches, at + "xattrs", records(f.xattrs()), records(e.get("xattrs")));
      check(mismatches, at + "start_span", parsed.zinfo().spanOf(f.uncompressedOffset()), e.get("start_span").asInt());
      check(mismatches, at + "end_span", parsed.zinfo().spanOf(f.dataEnd()), e.get("end_span").asInt());
    }
    assertThat(mismatches).isEmpty();
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void defaultsAreAppliedWhereTheReferenceLeftFieldsOut(ZtocVector v) throws Exception {
    byte[] bytes = Vectors.bytes(v.ztocFile());
    JsonNode raw = Vectors.json(v.infoJson()).get("fbs_raw");
    int ci = CorruptZtocTest.Fb.table(bytes, CorruptZtocTest.Fb.root(bytes), 5);
    boolean algorithmStored = CorruptZtocTest.Fb.field(bytes, ci, 0) != ci;
    boolean maxSpanIdStored = CorruptZtocTest.Fb.field(bytes, ci, 1) != ci;
    assertThat(algorithmStored).isEqualTo(raw.get("compression_algorithm_field_present").asBoolean());
    assertThat(maxSpanIdStored).isEqualTo(raw.get("max_span_id_field_present").asBoolean());
    CompressionInfo info = ZtocReader.read(bytes).compressionInfo();
    assertThat((int) info.algorithm().wireValue()).isEqualTo(raw.get("compression_algorithm_enum").asInt());
    assertThat(info.maxSpanId()).isEqualTo(raw.get("max_span_id").asInt());
  }

  private static void check(List<String> mismatches, String what, Object actual, Object expected) {
    if (!java.util.Objects.equals(actual, expected)) {
      mismatches.add(what + ": expected " + expected + " but was " + actual);
    }
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
