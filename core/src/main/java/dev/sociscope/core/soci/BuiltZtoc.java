package dev.sociscope.core.soci;

import dev.sociscope.core.oci.Digest;
import java.util.Objects;

/**
 * What the index builder needs to know about a zTOC built for one layer.
 *
 * @param digest the zTOC blob's digest
 * @param size the zTOC blob's length
 * @param hasXattrs whether any TOC entry has a PAX record whose key starts with {@code SCHILY.xattr.}
 * @param hasOpaqueWhiteout whether any TOC entry name ends with {@code .wh..wh..opq}
 * @param alreadyExisted whether the zTOC was reused from an earlier build (prints "(already exists)")
 */
public record BuiltZtoc(Digest digest, long size, boolean hasXattrs, boolean hasOpaqueWhiteout,
    boolean alreadyExisted) {
  public BuiltZtoc {
    Objects.requireNonNull(digest, "digest == null");
    if (size < 0) {
      throw new IllegalArgumentException("zTOC size must not be negative: " + size);
    }
  }

  /** Whether the {@code xattr} optimisation may mark this layer {@code disable-xattrs: "true"} (spec 2.2). */
  public boolean xattrsCanBeDisabled() {
    return !hasXattrs && !hasOpaqueWhiteout;
  }
}
