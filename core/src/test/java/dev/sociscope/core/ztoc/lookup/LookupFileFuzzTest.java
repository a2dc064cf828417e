package dev.sociscope.core.ztoc.lookup;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sociscope.core.oci.Digest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Hostile lookup files. The fuzzer's bytes get the expected zTOC digest and a correct checksum written in, so that
 * mutations reach the sections behind them (what a forged file would be): opening, looking paths up and decoding
 * the span data either succeed or fail with {@link LookupFileException}, never with anything else. Seeds: lookup
 * files of golden zTOCs under {@code LookupFileFuzzTestInputs/lookupFile/}.
 */
class LookupFileFuzzTest {
  private static final Digest ZTOC = Digest.of(new byte[0]);
  private static final List<String> PATHS = List.of("", "plain/tiny", "a", "etc/passwd", "gnu/long", "z/\uDCff");

  @FuzzTest(maxDuration = "5s")
  void lookupFile(byte[] input) {
    byte[] bytes = input.clone();
    if (bytes.length >= LookupFormat.HEADER_SIZE) {
      System.arraycopy(HexFormat.of().parseHex(ZTOC.hex()), 0, bytes, 16, 32);
      CRC32 crc = new CRC32();
      crc.update(bytes, LookupFormat.CHECKED_FROM, bytes.length - LookupFormat.CHECKED_FROM);
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(12, (int) crc.getValue());
    }
    try {
      LookupFile f = LookupFile.open(bytes, ZTOC);
      for (String p : PATHS) {
        f.entriesAt(p);
      }
      f.spanDigests();
      f.zinfo();
    } catch (LookupFileException e) {
      // the one allowed failure: the caller remakes the file from the zTOC
    }
  }
}
