package dev.sociscope.core.soci;

import static dev.sociscope.core.testing.HostileInput.endsValidOrTyped;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Hostile prefetch artifacts (issue 14 item 5): span ranges that are negative, reversed, out of int range or not
 * numbers. Seeds under {@code PrefetchArtifactFuzzTestInputs/prefetch/}: artifacts as this tool and upstream's
 * {@code soci convert --prefetch-files-json} write them. An artifact that reads writes back to equal bytes' meaning.
 */
class PrefetchArtifactFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void prefetch(byte[] input) {
    endsValidOrTyped(input, () -> {
      PrefetchArtifact artifact = PrefetchArtifact.parse(input);
      byte[] written = artifact.toBytes();
      if (!PrefetchArtifact.parse(written).equals(artifact)) {
        throw new AssertionError("prefetch artifact does not read back: " + Arrays.toString(written));
      }
    });
  }
}
