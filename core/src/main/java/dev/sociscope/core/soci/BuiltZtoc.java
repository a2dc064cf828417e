package dev.sociscope.core.soci;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Ztoc;
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

  /** Name suffix of an opaque-directory whiteout entry. */
  public static final String OPAQUE_WHITEOUT_SUFFIX = ".wh..wh..opq";

  /**
   * The facts of a zTOC and its serialized blob.
   *
   * @param blob the zTOC as stored (its digest and length are used)
   */
  public static BuiltZtoc of(Ztoc ztoc, byte[] blob, boolean alreadyExisted) {
    boolean xattrs = false;
    boolean opaque = false;
    for (FileMetadata file : ztoc.files()) {
      xattrs |= !file.xattrs().isEmpty();
      opaque |= file.name().endsWith(OPAQUE_WHITEOUT_SUFFIX);
    }
    return new BuiltZtoc(Digest.of(blob), blob.length, xattrs, opaque, alreadyExisted);
  }

  /** Whether the {@code xattr} optimisation may mark this layer {@code disable-xattrs: "true"} (spec 2.2). */
  public boolean xattrsCanBeDisabled() {
    return !hasXattrs && !hasOpaqueWhiteout;
  }
}
