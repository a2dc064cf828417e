package dev.sociscope.core.soci;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ImageIndex;
import dev.sociscope.core.oci.ImageManifest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A read view of an image index that may be a SOCI-enabled image (spec 3.3, 3.4, 3.6): which entries are image
 * manifests, which are v2 SOCI indexes, and how they link up.
 *
 * <p>Links go both ways: the image manifest (and its descriptor) carries {@code com.amazon.soci.index-digest}, and
 * the SOCI index descriptor carries {@code com.amazon.soci.image-manifest-digest}. The runtime only follows the
 * first (from the manifest itself, see {@link #indexDigestOf(ImageManifest)}).
 */
public final class SociEnabledIndex {

  /**
   * One SOCI index of the image and the image manifest it belongs to.
   *
   * @param platform the SOCI index descriptor's platform (may be null in foreign indexes)
   * @param sociIndex the SOCI index descriptor
   * @param imageManifest the image manifest descriptor named by its {@code image-manifest-digest} annotation, or
   *     failing that the one whose {@code index-digest} annotation names this index; null when neither exists
   */
  public record Entry(Platform platform, Descriptor sociIndex, Descriptor imageManifest) {
    public Entry {
      Objects.requireNonNull(sociIndex, "sociIndex == null");
    }

    public Optional<Descriptor> imageManifestDescriptor() {
      return Optional.ofNullable(imageManifest);
    }
  }

  private final ImageIndex index;

  public SociEnabledIndex(ImageIndex index) {
    this.index = Objects.requireNonNull(index, "index == null");
  }

  public ImageIndex index() {
    return index;
  }

  /** Whether the index lists at least one v2 SOCI index. */
  public boolean isSociEnabled() {
    return !sociIndexDescriptors().isEmpty();
  }

  /** Entries with an empty {@code artifactType}: the image manifests clients should resolve platforms against. */
  public List<Descriptor> imageManifests() {
    List<Descriptor> out = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      if (d.artifactType().isEmpty() && !isSociIndexEntry(d)) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * Whether an entry is a v2 SOCI index: its {@code artifactType} is the v2 type, or, when a copy tool dropped
   * {@code artifactType} (skopeo 1.9 re-serializes indexes with an image-spec that lacks it), it carries the
   * {@code com.amazon.soci.image-manifest-digest} annotation that only SOCI index entries have.
   */
  public static boolean isSociIndexEntry(Descriptor d) {
    return MediaType.SOCI_INDEX_V2.equals(d.artifactType())
        || d.artifactType().isEmpty() && d.annotation(SociAnnotations.IMAGE_MANIFEST_DIGEST) != null;
  }

  /** Entries that are v2 SOCI indexes (see {@link #isSociIndexEntry}). */
  public List<Descriptor> sociIndexDescriptors() {
    List<Descriptor> out = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      if (isSociIndexEntry(d)) {
        out.add(d);
      }
    }
    return out;
  }

  /** One entry per SOCI index descriptor, in index order. */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    for (Descriptor soci : sociIndexDescriptors()) {
      out.add(new Entry(soci.platform(), soci, imageManifestFor(soci)));
    }
    return out;
  }

  /** The first SOCI index whose platform matches (after normalisation). */
  public Optional<Entry> forPlatform(Platform platform) {
    for (Entry e : entries()) {
      if (e.platform() != null && e.platform().matches(platform)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * The image manifest for a platform, skipping descriptors with an {@code artifactType} as clients must (spec
   * 3.6). First match wins, as with containerd.
   */
  public Optional<Descriptor> resolveImageManifest(Platform platform) {
    for (Descriptor d : imageManifests()) {
      if (d.platform() != null && d.platform().matches(platform)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** The SOCI index entry that belongs to an image manifest digest (as listed in this index). */
  public Optional<Entry> forImageManifest(Digest imageManifestDigest) {
    for (Entry e : entries()) {
      if (e.imageManifest() != null && e.imageManifest().digest().equals(imageManifestDigest)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * The v2 index digest the runtime would use for an image manifest: its {@code com.amazon.soci.index-digest}
   * annotation (spec 3.4 step 2). Empty when absent or not a digest.
   */
  public static Optional<Digest> indexDigestOf(ImageManifest manifest) {
    return digestAnnotation(manifest.annotation(SociAnnotations.INDEX_DIGEST));
  }

  private Descriptor imageManifestFor(Descriptor soci) {
    Optional<Digest> named = digestAnnotation(soci.annotation(SociAnnotations.IMAGE_MANIFEST_DIGEST));
    if (named.isPresent()) {
      for (Descriptor d : imageManifests()) {
        if (d.digest().equals(named.get())) {
          return d;
        }
      }
    }
    for (Descriptor d : imageManifests()) {
      if (soci.digest().toString().equals(d.annotation(SociAnnotations.INDEX_DIGEST))) {
        return d;
      }
    }
    return null;
  }

  private static Optional<Digest> digestAnnotation(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Digest.parse(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
