package dev.sociscope.core.ztoc;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a {@link Ztoc} as a zTOC FlatBuffer, issuing the builder calls in upstream's order (spec 4.4) so that the
 * bytes are identical to what upstream's {@code ztoc.Marshal} writes for the same content: flatbuffers-java and
 * flatbuffers-go build back to front with the same alignment, vtable de-duplication and default omission.
 *
 * <p>Entries are written in list order (a zTOC read by {@link ZtocReader} is sorted by offset, which is the
 * order upstream writes). PAX records are written sorted by key bytes; of duplicate keys the last one wins.
 * Strings are written from their raw bytes ({@link RawText#encode}), so names that are not UTF-8 survive.
 */
public final class ZtocWriter {
  private ZtocWriter() {}

  public static byte[] write(Ztoc ztoc) {
    return build(ztoc).sizedByteArray();
  }

  /**
   * Writes the same bytes as {@link #write(Ztoc)} to {@code out} straight from the builder's buffer, without the
   * extra full-size copy {@code write} returns (a large zTOC is held once less). Returns the byte count.
   */
  public static long writeTo(Ztoc ztoc, OutputStream out) throws IOException {
    FlatBufferBuilder b = build(ztoc);
    ByteBuffer data = b.dataBuffer();
    if (!data.hasArray()) {
      byte[] bytes = b.sizedByteArray();
      out.write(bytes);
      return bytes.length;
    }
    out.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
    return data.remaining();
  }

  private static FlatBufferBuilder build(Ztoc ztoc) {
    FlatBufferBuilder b = new FlatBufferBuilder(
        (int) Math.min(Integer.MAX_VALUE - 8L,
            ztoc.compressionInfo().checkpointsLength() + 256L * ztoc.files().size() + 1024));

    // 1. version, build tool
    int version = string(b, ztoc.version());
    int buildTool = string(b, ztoc.buildToolIdentifier());

    // 2.-3. entries from last to first, then the metadata vector and the TOC table
    List<FileMetadata> files = ztoc.files();
    int[] entries = new int[files.size()];
    for (int i = files.size() - 1; i >= 0; i--) {
      entries[i] = fileMetadata(b, files.get(i));
    }
    int metadata = offsetVector(b, entries);
    b.startTable(1);
    b.addOffset(0, metadata, 0);
    int toc = b.endTable();

    // 4.-6. compression info
    CompressionInfo info = ztoc.compressionInfo();
    int checkpoints = ztoc.compressionInfo().addCheckpoints(b);
    int[] digestStrings = new int[info.spanDigests().size()];
    for (int i = 0; i < digestStrings.length; i++) {
      digestStrings[i] = string(b, info.spanDigests().get(i));
    }
    int spanDigests = offsetVector(b, digestStrings);
    b.startTable(4);
    b.addInt(1, info.maxSpanId(), 0);
    b.addOffset(2, spanDigests, 0);
    b.addOffset(3, checkpoints, 0);
    b.addByte(0, info.algorithm().wireValue(), CompressionAlgorithm.GZIP.wireValue());
    int compressionInfo = b.endTable();

    // 7. root
    b.startTable(6);
    b.addOffset(0, version, 0);
    b.addOffset(1, buildTool, 0);
    b.addOffset(4, toc, 0);
    b.addLong(2, ztoc.compressedArchiveSize(), 0);
    b.addLong(3, ztoc.uncompressedArchiveSize(), 0);
    b.addOffset(5, compressionInfo, 0);
    int root = b.endTable();
    b.finish(root);
    return b;
  }

  private static int fileMetadata(FlatBufferBuilder b, FileMetadata f) {
    int name = string(b, f.name());
    int type = string(b, f.type().wireName());
    int linkname = string(b, f.linkname());
    int uname = string(b, f.uname());
    int gname = string(b, f.gname());
    int modTime = string(b, f.modTime());
    int xattrs = xattrs(b, f.paxRecords());

    b.startTable(14);
    b.addOffset(0, name, 0);
    b.addOffset(1, type, 0);
    b.addLong(2, f.uncompressedOffset(), 0);
    b.addLong(3, f.uncompressedSize(), 0);
    b.addOffset(4, linkname, 0);
    b.addLong(5, f.mode(), 0);
    b.addInt(6, (int) f.uid(), 0);
    b.addInt(7, (int) f.gid(), 0);
    b.addOffset(8, uname, 0);
    b.addOffset(9, gname, 0);
    b.addOffset(10, modTime, 0);
    b.addLong(11, f.devmajor(), 0);
    b.addLong(12, f.devminor(), 0);
    b.addOffset(13, xattrs, 0);
    return b.endTable();
  }

  private static int xattrs(FlatBufferBuilder b, List<PaxRecord> records) {
    List<byte[][]> sorted = new ArrayList<>(records.size());
    for (PaxRecord r : records) {
      byte[] key = RawText.encode(r.key());
      sorted.removeIf(kv -> Arrays.equals(kv[0], key)); // a map: the last value of a key wins
      sorted.add(new byte[][] {key, r.value()});
    }
    sorted.sort((x, y) -> Arrays.compareUnsigned(x[0], y[0]));
    int[] tables = new int[sorted.size()];
    for (int i = 0; i < tables.length; i++) {
      int key = b.createString(ByteBuffer.wrap(sorted.get(i)[0]));
      int value = b.createString(ByteBuffer.wrap(sorted.get(i)[1]));
      b.startTable(2);
      b.addOffset(0, key, 0);
      b.addOffset(1, value, 0);
      tables[i] = b.endTable();
    }
    return offsetVector(b, tables);
  }

  private static int offsetVector(FlatBufferBuilder b, int[] offsets) {
    b.startVector(4, offsets.length, 4);
    for (int i = offsets.length - 1; i >= 0; i--) {
      b.addOffset(offsets[i]);
    }
    return b.endVector();
  }

  private static int string(FlatBufferBuilder b, String s) {
    return b.createString(ByteBuffer.wrap(RawText.encode(s)));
  }
}
