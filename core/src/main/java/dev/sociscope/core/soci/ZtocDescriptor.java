package dev.sociscope.core.soci;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import java.util.Objects;

/**
 * One zTOC entry of a SOCI index manifest's {@code layers}: the zTOC blob and the image layer it indexes.
 *
 * <pre>{@code
 * {"mediaType":"application/octet-stream","digest":"sha256:3df1…","size":34984,"annotations":{
 *  "com.amazon.soci.disable-xattrs":"true","com.amazon.soci.image-layer-digest":"sha256:0944…",
 *  "com.amazon.soci.image-layer-mediaType":"application/vnd.oci.image.layer.v1.tar+gzip",
 *  "com.amazon.soci.span-size":"1048576"}}
 * }</pre>
 *
 * @param descriptor the descriptor as written in the index
 * @param layerDigest from {@code com.amazon.soci.image-layer-digest}
 * @param layerMediaType from {@code com.amazon.soci.image-layer-mediaType}; empty when absent
 * @param spanSize from {@code com.amazon.soci.span-size}; -1 when absent or not a number (older builds)
 * @param disableXattrs {@code com.amazon.soci.disable-xattrs} parsed as Go's {@code ParseBool}
 */
public record ZtocDescriptor(Descriptor descriptor, Digest layerDigest, String layerMediaType, long spanSize,
    boolean disableXattrs) {

  public ZtocDescriptor {
    Objects.requireNonNull(descriptor, "descriptor == null");
    Objects.requireNonNull(layerDigest, "layerDigest == null");
    layerMediaType = Objects.requireNonNullElse(layerMediaType, "");
  }

  /** The zTOC blob digest. */
  public Digest ztocDigest() {
    return descriptor.digest();
  }

  /** The zTOC blob size. */
  public long ztocSize() {
    return descriptor.size();
  }
}
