package dev.sociscope.core.ztoc;

import static dev.sociscope.core.testing.HostileInput.endsValidOrTyped;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Hostile zTOC FlatBuffers (issue 14 item 5). Seeds: the golden vectors' small zTOCs (TarZinfo and one-checkpoint
 * gzip ones) under {@code ZtocFuzzTestInputs/ztoc/}. A zTOC that reads without error must also be usable: every
 * file's bytes lie inside its spans, so no later span lookup can index past the span digests.
 */
class ZtocFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void ztoc(byte[] input) {
    endsValidOrTyped(input, () -> {
      ZtocReader.Parsed parsed = ZtocReader.readWithZinfo(input);
      ZtocGeometry.check(parsed.ztoc(), parsed.zinfo());
      ZtocInfo.of(parsed.ztoc(), parsed.zinfo(), input.length).toJson();
    });
  }
}
