package dev.sociscope.core.soci;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import java.util.Objects;

/**
 * A prefetch artifact entry of a SOCI index manifest (spec 3.7).
 *
 * <pre>{@code
 * {"mediaType":"application/vnd.amazon.soci.prefetch.v1+json","digest":"sha256:5a90…","size":78,
 *  "annotations":{"com.amazon.soci.image-layer-digest":"sha256:c3d1…"}}
 * }</pre>
 *
 * @param descriptor the descriptor as written
 * @param layerDigest the image layer whose spans the blob lists
 */
public record PrefetchDescriptor(Descriptor descriptor, Digest layerDigest) {
  public PrefetchDescriptor {
    Objects.requireNonNull(descriptor, "descriptor == null");
    Objects.requireNonNull(layerDigest, "layerDigest == null");
  }
}
