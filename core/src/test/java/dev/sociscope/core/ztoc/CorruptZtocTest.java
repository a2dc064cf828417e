package dev.sociscope.core.ztoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.sociscope.core.testing.Vectors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made broken zTOCs: each fails with a ZtocFormatException whose message says what is wrong and where. */
class CorruptZtocTest {
  private static final String PLAIN = "ztoc/plain.tar.span-64KiB.ztoc";
  private static final String GZIP = "ztoc/pax.tar.gz.span-1MiB.ztoc";

  private static Ztoc golden(String file) throws ZtocFormatException {
    return ZtocReader.read(Vectors.bytes(file));
  }

  @Test
  void emptyAndTinyBuffersAreTooShort() {
    assertThatThrownBy(() -> ZtocReader.read(new byte[0]))
        .isInstanceOf(ZtocFormatException.class).hasMessageContaining("too short for a root offset");
    assertThatThrownBy(() -> ZtocReader.read(new byte[] {1, 0, 0}))
        .isInstanceOf(ZtocFormatException.class).hasMessageContaining("3 bytes");
  }

  @Test
  void truncatedZtocNamesTheFieldAndPosition() {
    byte[] bytes = Vectors.bytes(PLAIN);
    byte[] cut = Arrays.copyOf(bytes, bytes.length / 2);
    assertThatThrownBy(() -> ZtocReader.read(cut))
        .isInstanceOf(ZtocFormatException.class)
        .hasMessageContaining("Ztoc.")
        .hasMessageContaining("at byte")
        .hasMessageContaining("outside the " + cut.length + "-byte buffer");
  }

  @Test
  void rootOffsetPastTheEnd() {
    byte[] bytes = Vectors.bytes(PLAIN);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0xFFFF_FFF0);
    assertThatThrownBy(() -> ZtocReader.read(bytes))
        .isInstanceOf(ZtocFormatException.class)
        .hasMessage("Ztoc (table start): 4 bytes at byte 4294967280 lie outside the " + bytes.length
            + "-byte buffer");
  }

  @Test
  void unknownCompressionAlgorithm() throws Exception {
    byte[] bytes = Vectors.bytes(PLAIN);
    int pos = Fb.field(bytes, Fb.table(bytes, Fb.root(bytes), 5), 0);
    assertThat(bytes[pos]).isEqualTo((byte) 2);
    bytes[pos] = 3;
    assertThatThrownBy(() -> ZtocReader.read(bytes))
        .isInstanceOf(ZtocFormatException.class)
        .hasMessageContaining("compression_algorithm")
        .hasMessageContaining("unknown compression algorithm 3");
  }

  @Test
  void unknownEntryType() {
    byte[] bytes = Vectors.bytes(PLAIN);
    int at = indexOf(bytes, new byte[] {3, 0, 0, 0, 'r', 'e', 'g', 0});
    bytes[at + 6] = 'x';
    assertThatThrownBy(() -> ZtocReader.read(bytes))
        .isInstanceOf(ZtocFormatException.class)
        .hasMessageContaining("Ztoc.toc.metadata[")
        .hasMessageContaining("unknown tar entry type 'rex'");
  }

  @Test
  void spanDigestCountMismatch() throws Exception {
    Ztoc z = golden(GZIP);
    CompressionInfo ci = z.compressionInfo();
    List<String> fewer = ci.spanDigests().subList(0, ci.spanDigests().size() - 1);
    Ztoc broken = withInfo(z, new CompressionInfo(ci.algorithm(), ci.maxSpanId(), fewer, ci.checkpoints()));
    assertThatThrownBy(() -> ZtocReader.read(ZtocWriter.write(broken)))
        .isInstanceOf(ZtocFormatException.class)
        .hasMessage("the zTOC has 5 span digests but 6 spans (max_span_id 5)");
  }

  @Test
  void maxSpanIdDisagreesWithCheckpoints() throws Exception {
    Ztoc z = golden(GZIP);
    CompressionInfo ci = z.compressionInfo();
    Ztoc broken = withInfo(z, new CompressionInfo(ci.algorithm(), 4, ci.spanDigests(), ci.checkpoints()));
    assertThatThrownBy(() -> ZtocReader.read(ZtocWriter.write(broken)))
        .isInstanceOf(ZtocFormatException.class)
        .hasMessage("max_span_id is 4 but the checkpoint data holds 6 spans (max span id 5)");
  }

  @Test
  void nonMonotonicCheckpoints() throws Exception {
    Ztoc z = golden(GZIP);
    GzipZinfo zinfo = (GzipZinfo) Zinfo.of(z);
    List<Checkpoint> cps = new ArrayList<>(zinfo.checkpoints());
    Checkpoint c2 = cps.get(2);
    cps.set(2, cps.get(3));
    cps.set(3, c2);
    byte[] blob = new GzipZinfo(zinfo.spanSize(), cps, z.compressedArchiveSize(), z.uncompressedArchiveSize())
        .encode();
    CompressionInfo ci = z.compressionInfo();
    Ztoc broken = withInfo(z, new CompressionInfo(ci.algorithm(), ci.maxSpanId(), ci.spanDigests(), blob));
    assertThatThrownBy(() -> ZtocReader.read(ZtocWriter.write(broken)))
        .isInstanceOf(ZtocFormatException.class)
        .hasMessageContaining("checkpoints are not increasing: span 2");
  }

  @Test
  void checkpointBlobOfTheWrongLength() throws Exception {
    Ztoc z = golden(GZIP);
    CompressionInfo ci = z.compressionInfo();
    byte[] blob = Arrays.copyOf(ci.checkpoints(), ci.checkpoints().length - 1);
    Ztoc broken = withInfo(z, new CompressionInfo(ci.algorithm(), ci.maxSpanId(), ci.spanDigests(), blob));
    assertThatThrownBy(() -> ZtocReader.read(ZtocWriter.write(broken)))
        .isInstanceOf(ZtocFormatException.class)
        .hasMessage("gzip checkpoint blob is 196721 bytes, which fits neither 6 checkpoints (196722 bytes) nor "
            + "the legacy layout (163937 bytes)");
  }

  @Test
  void legacyBlobWithoutCheckpointZeroIsAccepted() throws Exception {
    Ztoc z = golden(GZIP);
    byte[] v2 = z.compressionInfo().checkpoints();
    // v1: same header, the records of checkpoints 1..n-1 only; checkpoint 0 is implied (in=10, out=0).
    byte[] v1 = new byte[v2.length - GzipZinfo.RECORD_SIZE];
    System.arraycopy(v2, 0, v1, 0, GzipZinfo.HEADER_SIZE);
    System.arraycopy(v2, GzipZinfo.HEADER_SIZE + GzipZinfo.RECORD_SIZE, v1, GzipZinfo.HEADER_SIZE,
        v1.length - GzipZinfo.HEADER_SIZE);
    GzipZinfo legacy = GzipZinfo.decode(v1, z.compressedArchiveSize(), z.uncompressedArchiveSize());
    assertThat(legacy.checkpoints()).isEqualTo(((GzipZinfo) Zinfo.of(z)).checkpoints());
    assertThat(legacy.encode()).isEqualTo(v2);
  }

  @Test
  void entryStartingInsideThePreviousEntry() throws Exception {
    Ztoc z = golden(PLAIN);
    List<FileMetadata> files = new ArrayList<>(z.files());
    FileMetadata f = files.get(3);
    files.set(3, new FileMetadata(f.name(), f.type(), files.get(2).uncompressedOffset() + 1, f.uncompressedSize(),
        f.linkname(), f.mode(), f.uid(), f.gid(), f.uname(), f.gname(), f.modTime(), f.devmajor(), f.devminor(),
        f.paxRecords()));
    Ztoc broken = new Ztoc(z.version(), z.buildToolIdentifier(), z.compressedArchiveSize(),
        z.uncompressedArchiveSize(), files, z.compressionInfo());
    assertThatThrownBy(() -> ZtocReader.read(ZtocWriter.write(broken)))
        .isInstanceOf(ZtocFormatException.class)
        .hasMessageStartingWith("invalid toc entry 3 '" + f.name() + "': its data starts at ");
  }

  @Test
  void missingTocAndCompressionInfo() {
    FlatBufferBuilder b = new FlatBufferBuilder(64);
    int version = b.createString("0.9");
    b.startTable(6);
    b.addOffset(0, version, 0);
    b.finish(b.endTable());
    assertThatThrownBy(() -> ZtocReader.read(b.sizedByteArray()))
        .isInstanceOf(ZtocFormatException.class).hasMessage("Ztoc.toc is missing");
  }

  @Test
  void offsetsSharedToBlowUpMemoryAreRefused() {
    FlatBufferBuilder b = new FlatBufferBuilder(1 << 20);
    byte[] big = new byte[512 * 1024];
    Arrays.fill(big, (byte) 'a');
    int name = b.createString(ByteBuffer.wrap(big));
    int type = b.createString("reg");
    b.startTable(14);
    b.addOffset(0, name, 0);
    b.addOffset(1, type, 0);
    int entry = b.endTable();
    int n = 10_000; // every element points at the same 512 KiB name: 5 GB if copied each time
    b.startVector(4, n, 4);
    for (int i = 0; i < n; i++) {
      b.addOffset(entry);
    }
    int vector = b.endVector();
    b.startTable(1);
    b.addOffset(0, vector, 0);
    int toc = b.endTable();
    b.startTable(6);
    b.addOffset(4, toc, 0);
    b.finish(b.endTable());
    assertThatThrownBy(() -> ZtocReader.read(b.sizedByteArray()))
        .isInstanceOf(ZtocFormatException.class)
        .hasMessageContaining("references more data than its");
  }

  @Test
  void hugeDeclaredStringLengthFailsBeforeAllocating() {
    byte[] bytes = Vectors.bytes(PLAIN);
    int versionString = Fb.target(bytes, Fb.field(bytes, Fb.root(bytes), 0));
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(versionString, 0x7FFF_FFFF);
    assertThatThrownBy(() -> ZtocReader.read(bytes))
        .isInstanceOf(ZtocFormatException.class)
        .hasMessage("Ztoc.version (string of 2147483647 bytes): 2147483647 bytes at byte " + (versionString + 4)
            + " lie outside the " + bytes.length + "-byte buffer");
  }

  @Test
  void tarZinfoWithoutSpanSize() {
    FlatBufferBuilder b = new FlatBufferBuilder(64);
    b.startTable(3);
    b.addInt(0, 2, 0);
    b.addLong(2, 1000, 0);
    b.finish(b.endTable());
    assertThatThrownBy(() -> TarZinfo.decode(b.sizedByteArray(), 1000, 1000))
        .isInstanceOf(ZtocFormatException.class).hasMessage("TarZinfo span_size is 0 (must be positive)");
  }

  private static Ztoc withInfo(Ztoc z, CompressionInfo info) {
    return new Ztoc(z.version(), z.buildToolIdentifier(), z.compressedArchiveSize(), z.uncompressedArchiveSize(),
        z.files(), info);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found: " + new String(needle, StandardCharsets.ISO_8859_1));
  }

  /** Minimal FlatBuffers navigation for locating bytes to corrupt (the input is a trusted golden file). */
  static final class Fb {
    static int root(byte[] b) {
      return le(b).getInt(0);
    }

    static int field(byte[] b, int table, int slot) {
      ByteBuffer bb = le(b);
      int vtable = table - bb.getInt(table);
      return table + bb.getShort(vtable + 4 + 2 * slot);
    }

    static int target(byte[] b, int fieldPos) {
      return fieldPos + le(b).getInt(fieldPos);
    }

    static int table(byte[] b, int table, int slot) {
      return target(b, field(b, table, slot));
    }

    private static ByteBuffer le(byte[] b) {
      return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
  }
}
