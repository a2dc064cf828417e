package dev.sociscope.core.workflow;

import dev.sociscope.core.error.ErrorKind;
import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.error.UnsupportedException;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.image.PushedManifest;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciFormatException;
import dev.sociscope.core.oci.ReferrersIndex;
import dev.sociscope.core.registry.RemoteRepository;
import dev.sociscope.core.soci.SociIndex;
import dev.sociscope.core.soci.SociVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code soci push} (spec 2.6): uploads the blobs of a v1 index bottom-up ({@code {}}, zTOCs), then the index
 * manifest; when the registry does not index the subject itself ({@code OCI-Subject} absent), merges the index into
 * the fallback tag's image index, keeping every other referrer. Afterwards discovery must find the index.
 *
 * <p>Every step is idempotent, so a push cut off at any point (registry gone) leaves the image and the existing
 * referrers untouched and can simply be repeated.
 */
public final class SociPusher {
  private final ZtocCache cache;
  private final CreateListener listener;

  public SociPusher(ZtocCache cache, CreateListener listener) {
    this.cache = cache;
    this.listener = listener == null ? CreateListener.NONE : listener;
  }

  public PushResult push(CreatedIndex created, OpenedImage.Store target) throws IOException {
    return push(created.document(), created.build().index(), created.manifest().descriptor(), target);
  }

  /**
   * Pushes an index manifest whose blobs are in the cache.
   *
   * @param doc the index manifest (exact bytes)
   * @param index its parsed form
   * @param subject the image manifest it indexes
   */
  public PushResult push(OciDocument doc, SociIndex index, Descriptor subject, OpenedImage.Store target)
      throws IOException {
    if (index.version() != SociVersion.V1) {
      throw new IllegalArgumentException("only v1 indexes are pushed as referrers; v2 indexes travel inside a"
          + " SOCI-enabled image (use convert)");
    }
    listener.message("checking if a soci index already exists in remote repository...");
    // Read strictly before anything is written: an uncertain fallback-tag answer aborts the push here.
    for (Descriptor other : existingReferrers(target, subject.digest())) {
      if (MediaType.isSociIndex(other.artifactType()) && !other.digest().equals(doc.digest())) {
        listener.message("[WARN] soci index " + other.digest() + " already exists for " + subject.digest()
            + "; pushing index anyway");
      }
    }
    listener.message("pushing soci index with digest: " + doc.digest());
    int uploaded = 0;
    int skipped = 0;
    for (Descriptor blob : index.blobs()) {
      if (target.hasBlob(blob.digest())) {
        listener.message("skipped artifact with digest: " + blob.digest());
        skipped++;
        continue;
      }
      listener.message("pushing artifact with digest: " + blob.digest());
      target.putBlob(blob.digest(), cache.content(blob.digest()));
      listener.message("successfully pushed artifact with digest: " + blob.digest());
      uploaded++;
    }
    PushedManifest pushed = target.putManifest(doc, null);
    listener.message("successfully pushed artifact with digest: " + doc.digest());
    Descriptor referrer = ReferrersIndex.referrerDescriptor(doc);
    List<String> warnings = new ArrayList<>();
    boolean indexedByRegistry = pushed.ociSubject().isPresent();
    boolean updated = false;
    if (!indexedByRegistry) {
      updated = updateFallbackTag(target, subject.digest(), referrer, warnings);
    }
    verify(target, subject.digest(), doc.digest());
    return new PushResult(referrer, uploaded, skipped, indexedByRegistry, updated, warnings);
  }

  /** Adds {@code referrer} to the fallback tag's index; returns whether the tag was written. */
  static boolean updateFallbackTag(OpenedImage.Store target, Digest subject, Descriptor referrer,
      List<String> warnings) throws IOException {
    String tag = ReferrersIndex.fallbackTag(subject);
    Optional<OciDocument> current = readFallbackTag(target, tag);
    ReferrersIndex old;
    if (current.isEmpty()) {
      old = ReferrersIndex.empty();
    } else if (current.get().isIndex()) {
      old = ReferrersIndex.of(current.get().index());
    } else {
      throw new UnsupportedException("The fallback tag " + target.describe() + ":" + tag + " holds a "
          + current.get().mediaType() + ", not an image index; refusing to overwrite it");
    }
    ReferrersIndex merged = old.add(referrer);
    if (!merged.needsUpdate()) {
      return false;
    }
    OciDocument index;
    try {
      index = OciDocument.parse(merged.toBytes(), MediaType.OCI_INDEX);
    } catch (OciFormatException e) {
      throw new IllegalStateException("wrote an unreadable referrers index", e);
    }
    target.putManifest(index, tag);
    if (current.isPresent() && !current.get().digest().equals(index.digest())
        && target instanceof OpenedImage.Remote) {
      RemoteRepository repo = ((OpenedImage.Remote) target).repo;
      try {
        repo.deleteManifest(current.get().digest()); // as oras-go does; the new index is already in place
      } catch (IOException e) {
        warnings.add("could not delete the previous fallback index " + current.get().digest() + ": "
            + e.getMessage());
      }
    }
    return true;
  }

  /** The referrers known before a push: for registries read so that only a definite absence is empty. */
  private static List<Descriptor> existingReferrers(OpenedImage.Store target, Digest subject) throws IOException {
    if (target instanceof OpenedImage.Remote remote) {
      return remote.repo.referrersForUpdate(subject);
    }
    return SociDiscoverer.referrers(target, subject);
  }

  /**
   * The fallback tag's current document, for rewriting it: in a registry, empty only when the tag definitely does
   * not exist (a transient 404 or 5xx must not turn into an empty list that drops the other referrers).
   */
  static Optional<OciDocument> readFallbackTag(OpenedImage.Store target, String tag) throws IOException {
    if (target instanceof OpenedImage.Remote remote) {
      return remote.repo.findTagDefinitely(tag);
    }
    return target.findManifest(tag);
  }

  private static void verify(OpenedImage.Store target, Digest subject, Digest index) throws IOException {
    for (Descriptor d : SociDiscoverer.referrers(target, subject)) {
      if (d.digest().equals(index)) {
        return;
      }
    }
    throw new SociscopeException(ErrorKind.IO, "Pushed SOCI index " + index + " to " + target.describe()
        + " but discovery does not find it among the referrers of " + subject);
  }
}
