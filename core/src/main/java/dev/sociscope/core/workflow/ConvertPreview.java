package dev.sociscope.core.workflow;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.soci.SociConvert;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a conversion writes, shown before anything is written ({@code convert --dry-run}, the GUI's migration
 * preview): the SOCI-enabled image index, the image manifests it rewrites (an annotation naming their v2 index
 * changes their digests), the v2 indexes it adds, what stays shared with the source, and the bytes added.
 *
 * @param destination where it would be written
 * @param index the new image index's digest
 * @param rewritten per converted platform, the source manifest and its rewritten form
 * @param added the v2 index manifests (entries of the new image index)
 * @param shared entries of the new image index taken over unchanged from the source
 * @param bytesAdded the new image index, rewritten manifests, index manifests and their zTOCs and prefetch blobs
 */
public record ConvertPreview(String destination, Digest index, List<Rewrite> rewritten, List<Descriptor> added,
    List<Descriptor> shared, long bytesAdded) {
  public ConvertPreview {
    rewritten = List.copyOf(rewritten);
    added = List.copyOf(added);
    shared = List.copyOf(shared);
  }

  /** A source image manifest and the manifest that replaces it in the SOCI-enabled image. */
  public record Rewrite(String platform, Digest from, Digest to, long size) {}

  static ConvertPreview of(ConvertResult r) {
    SociConvert.Result c = r.conversion();
    List<Rewrite> rewritten = new ArrayList<>();
    long bytes = c.indexBytes().length;
    Set<Digest> fresh = new HashSet<>();
    for (SociConvert.RewrittenManifest m : c.manifests()) {
      String platform = r.indexes().stream().filter(ci -> ci.manifest().manifest().digest()
          .equals(m.originalDigest())).map(ci -> ci.manifest().platformText()).findFirst().orElse("");
      rewritten.add(new Rewrite(platform, m.originalDigest(), m.digest(), m.bytes().length));
      bytes += m.bytes().length;
      fresh.add(m.digest());
    }
    List<Descriptor> added = new ArrayList<>();
    Set<Digest> blobs = new HashSet<>();
    for (CreatedIndex ci : r.indexes()) {
      added.add(ci.build().descriptor());
      fresh.add(ci.build().digest());
      bytes += ci.build().size();
      for (Descriptor b : ci.build().index().blobs()) {
        if (blobs.add(b.digest())) {
          bytes += b.size();
        }
      }
    }
    List<Descriptor> shared = new ArrayList<>();
    for (Descriptor d : c.index().manifests()) {
      if (!fresh.contains(d.digest())) {
        shared.add(d);
      }
    }
    return new ConvertPreview(r.destination(), c.indexDigest(), rewritten, added, shared, bytes);
  }
}
