package dev.sociscope.core.workflow;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ImageIndex;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciFormatException;
import dev.sociscope.core.oci.OciJson;
import dev.sociscope.core.oci.ReferrersIndex;
import dev.sociscope.core.registry.RegistryErrorException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes v1 SOCI indexes of an image manifest: first from the fallback tag's referrers list (other referrers are
 * kept; an empty list removes the tag's index), then the index manifest itself where the store allows deletes.
 * zTOC blobs are left to the registry's garbage collection (other indexes may share them).
 */
public final class IndexRemover {
  /** What happened to one index. */
  public record Removed(Digest index, boolean unlisted, boolean manifestDeleted, String warning) {}

  private IndexRemover() {}

  public static List<Removed> remove(OpenedImage.Store store, Digest subject, List<Digest> indexes)
      throws IOException {
    String tag = ReferrersIndex.fallbackTag(subject);
    Optional<OciDocument> current = SociPusher.readFallbackTag(store, tag);
    List<Removed> out = new ArrayList<>();
    List<Digest> unlisted = new ArrayList<>();
    if (current.isPresent() && current.get().isIndex()) {
      List<Descriptor> keep = new ArrayList<>();
      for (Descriptor d : current.get().index().manifests()) {
        if (indexes.contains(d.digest())) {
          unlisted.add(d.digest());
        } else {
          keep.add(d);
        }
      }
      if (!unlisted.isEmpty()) {
        if (keep.isEmpty()) {
          deleteManifest(store, current.get().digest());
        } else {
          OciDocument next = parse(OciJson.write(ImageIndex.of(keep)));
          store.putManifest(next, tag);
          tryDelete(store, current.get().digest());
        }
      }
    }
    for (Digest d : indexes) {
      String warning = null;
      boolean deleted = false;
      try {
        deleteManifest(store, d);
        deleted = true;
      } catch (RegistryErrorException e) {
        warning = e.getMessage();
      } catch (dev.sociscope.core.error.NotFoundException e) {
        warning = "index manifest " + d + " was already gone";
      }
      out.add(new Removed(d, unlisted.contains(d), deleted, warning));
    }
    return out;
  }

  private static void tryDelete(OpenedImage.Store store, Digest d) {
    try {
      deleteManifest(store, d);
    } catch (IOException ignored) {
      // the old referrers list is no longer tagged; leaving it behind is harmless
    }
  }

  static void deleteManifest(OpenedImage.Store store, Digest d) throws IOException {
    if (store instanceof OpenedImage.Remote) {
      ((OpenedImage.Remote) store).repo.deleteManifest(d);
    } else if (store instanceof OpenedImage.Layout) {
      ((OpenedImage.Layout) store).layout.removeManifest(d);
    } else {
      throw new IOException("cannot delete from " + store.describe());
    }
  }

  private static OciDocument parse(byte[] bytes) {
    try {
      return OciDocument.parse(bytes, MediaType.OCI_INDEX);
    } catch (OciFormatException e) {
      throw new IllegalStateException(e);
    }
  }
}
