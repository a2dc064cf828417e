package dev.sociscope.core.workflow;

import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.image.PlatformManifest;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciFormatException;
import dev.sociscope.core.soci.SociIndexBuild;
import java.util.Objects;

/**
 * A SOCI index built for one image manifest; its zTOCs and {@code {}} are in the {@link ZtocCache}.
 *
 * @param manifest the image manifest it indexes
 * @param build the index bytes, parsed index and per-layer decisions
 */
public record CreatedIndex(PlatformManifest manifest, SociIndexBuild build) {
  public CreatedIndex {
    Objects.requireNonNull(manifest, "manifest == null");
    Objects.requireNonNull(build, "build == null");
  }

  /** The index manifest as a document (exact bytes). */
  public OciDocument document() {
    try {
      return OciDocument.parse(build.bytes(), dev.sociscope.core.oci.MediaType.OCI_MANIFEST);
    } catch (OciFormatException e) {
      throw new IllegalStateException("the builder wrote an unreadable index", e);
    }
  }
}
