package dev.sociscope.core.ztoc;

import static dev.sociscope.core.testing.HostileInput.endsValidOrTyped;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Hostile checkpoint data (issue 14 item 5, finding 4): a gzip checkpoint blob (spec 5.1) or a nested TarZinfo
 * buffer (5.6), with hostile archive sizes beside it. Input layout: byte 0 picks the kind (bit 0 clear = gzip blob,
 * set = TarZinfo) and, for gzip, whether the data is compact (bit 1 set: each 17-byte checkpoint record is followed
 * by a zero 32 KiB window added here, so the fuzzer spends its bytes on offsets rather than windows); bytes 1..16
 * are compressed_archive_size and uncompressed_archive_size (little endian); the rest is the checkpoint data. Seeds
 * under {@code CheckpointFuzzTestInputs/checkpoints/}: the golden vectors' checkpoint data in that layout. Decoded
 * span geometry must be consistent: spans that run forwards inside the blob.
 */
class CheckpointFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void checkpoints(byte[] input) {
    if (input.length < 17) {
      return;
    }
    ByteBuffer header = ByteBuffer.wrap(input, 1, 16).order(ByteOrder.LITTLE_ENDIAN);
    long compressed = header.getLong();
    long uncompressed = header.getLong();
    byte[] data = Arrays.copyOfRange(input, 17, input.length);
    if ((input[0] & 3) == 2) {
      data = withWindows(data);
    }
    byte[] blob = data;
    endsValidOrTyped(input, () -> {
      Zinfo zinfo = (input[0] & 1) == 0
          ? GzipZinfo.decode(blob, compressed, uncompressed)
          : TarZinfo.decode(blob, compressed, uncompressed);
      for (int s = 0; s < zinfo.spanCount() && s < 4096; s++) {
        long start = zinfo.compressedStart(s);
        long end = zinfo.compressedEnd(s);
        if (start < 0 || (s < zinfo.maxSpanId() && end <= start)) {
          throw new AssertionError("span " + s + " runs from " + start + " to " + end);
        }
        zinfo.spanOf(zinfo.uncompressedStart(s));
      }
    });
  }

  /** The 12-byte header, then each 17-byte record followed by a zero window; a partial record is kept as is. */
  private static byte[] withWindows(byte[] compact) {
    if (compact.length <= GzipZinfo.HEADER_SIZE) {
      return compact;
    }
    int records = (compact.length - GzipZinfo.HEADER_SIZE) / 17;
    int rest = (compact.length - GzipZinfo.HEADER_SIZE) % 17;
    byte[] out = new byte[GzipZinfo.HEADER_SIZE + records * GzipZinfo.RECORD_SIZE + rest];
    System.arraycopy(compact, 0, out, 0, GzipZinfo.HEADER_SIZE);
    for (int i = 0; i < records; i++) {
      System.arraycopy(compact, GzipZinfo.HEADER_SIZE + 17 * i, out, GzipZinfo.HEADER_SIZE + GzipZinfo.RECORD_SIZE * i,
          17);
    }
    System.arraycopy(compact, compact.length - rest, out, out.length - rest, rest);
    return out;
  }
}
