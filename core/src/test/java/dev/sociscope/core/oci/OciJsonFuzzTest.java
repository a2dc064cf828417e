package dev.sociscope.core.oci;

import static dev.sociscope.core.testing.HostileInput.endsValidOrTyped;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Hostile OCI and Docker JSON: manifests, indexes, configs, descriptors and referrers lists, each input read by
 * every one of those readers (issue 14 item 5). Seeds under {@code OciJsonFuzzTestInputs/documents/}: the golden
 * vectors' manifests, indexes and config, and Docker manifest lists and configs as registries serve them. A document
 * that reads must also write (Go's bytes), as copying and pushing do.
 */
class OciJsonFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void documents(byte[] input) {
    endsValidOrTyped(input, () -> {
      OciDocument doc = OciDocument.parse(input, null);
      doc.mediaTypeMismatch();
      if (doc.isManifest()) {
        OciJson.write(doc.manifest());
      } else if (doc.isIndex()) {
        OciJson.write(doc.index());
      }
    });
    endsValidOrTyped(input, () -> OciJson.write(OciJson.parseDescriptor(input)));
    endsValidOrTyped(input, () -> OciJson.parseConfigPlatform(input).normalize());
    endsValidOrTyped(input, () -> ReferrersIndex.parse(input).toBytes());
  }
}
