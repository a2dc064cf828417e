package dev.sociscope.core.workflow;

import dev.sociscope.core.oci.Digest;

/**
 * Another image manifest of the same store with the same config and layers: the original of a SOCI-enabled image,
 * or a SOCI-enabled image made from an original (spec 3.2 rewrites only the manifest, never config or layers).
 *
 * @param tag the tag it was found under
 * @param manifest its digest
 * @param sociIndex the v2 index its {@code com.amazon.soci.index-digest} annotation names; null for an original
 */
public record RelatedImage(String tag, Digest manifest, Digest sociIndex) {
  public boolean sociEnabled() {
    return sociIndex != null;
  }
}
