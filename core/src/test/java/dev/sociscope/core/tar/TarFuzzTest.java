package dev.sociscope.core.tar;

import static dev.sociscope.core.testing.HostileInput.endsValidOrTyped;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sociscope.core.build.ZtocBuilder;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocFormatException;
import dev.sociscope.core.ztoc.ZtocReader;
import dev.sociscope.core.ztoc.ZtocWriter;
import java.io.ByteArrayInputStream;

/**
 * Hostile tar headers (ustar, GNU, PAX, long names, base-256 numbers, sparse and global headers) read the way a zTOC
 * is built from a plain tar layer (issue 14 item 5, finding 4). Seeds under {@code TarFuzzTestInputs/tarHeaders/}:
 * small real archives made by GNU tar and Python's tarfile, plus the overflowing PAX size of finding 4. A tar that
 * indexes must give a zTOC that reads back: an index built from hostile numbers is never pushed.
 */
class TarFuzzTest {
  private static final ZtocBuilder BUILDER = new ZtocBuilder(new ZtocBuilder.Options(1024, "fuzz"));

  @FuzzTest(maxDuration = "5s")
  void tarHeaders(byte[] input) {
    endsValidOrTyped(input, () -> {
      Ztoc ztoc = BUILDER.build(new ByteArrayInputStream(input));
      try {
        ZtocReader.read(ZtocWriter.write(ztoc));
      } catch (ZtocFormatException e) {
        throw new AssertionError("built a zTOC that does not read back: " + e.getMessage(), e);
      }
    });
  }
}
