package dev.sociscope.core.workflow;

import dev.sociscope.core.oci.Descriptor;
import java.util.List;

/**
 * What a push of a v1 index did.
 *
 * @param index the index manifest's descriptor as listed among the referrers
 * @param uploadedBlobs blobs uploaded (the rest existed already)
 * @param skippedBlobs blobs that existed already
 * @param registryIndexedSubject whether the registry answered {@code OCI-Subject} (no fallback tag needed)
 * @param fallbackTagUpdated whether the fallback tag was written
 * @param warnings problems that did not fail the push (e.g. the old fallback index could not be deleted)
 */
public record PushResult(Descriptor index, int uploadedBlobs, int skippedBlobs, boolean registryIndexedSubject,
    boolean fallbackTagUpdated, List<String> warnings) {
  public PushResult {
    warnings = List.copyOf(warnings);
  }
}
