package dev.sociscope.core.soci;

import static dev.sociscope.core.testing.HostileInput.endsValidOrTyped;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sociscope.core.oci.OciDocument;

/**
 * Hostile SOCI index manifests, v1 and v2 (issue 14 item 5): the zTOC and prefetch layers, their annotations
 * (image layer digest, span size, disable-xattrs) and the canonical re-encode the runtime checks. Seeds under
 * {@code SociIndexFuzzTestInputs/sociIndex/}: the golden vectors' v1 and v2 indexes.
 */
class SociIndexFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void sociIndex(byte[] input) {
    endsValidOrTyped(input, () -> {
      SociIndex index = SociIndex.parse(input);
      index.canonicalBytes();
      index.blobs();
      SociIndex.isCanonical(OciDocument.parse(input));
    });
  }
}
