package dev.sociscope.core.workflow;

import dev.sociscope.core.image.PlatformManifest;
import dev.sociscope.core.io.Futures;
import dev.sociscope.core.soci.SociDefaults;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.image.ReferrerListing;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.MediaType.Compression;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciFormatException;
import dev.sociscope.core.oci.ReferrersIndex;
import dev.sociscope.core.error.NotFoundException;
import dev.sociscope.core.registry.RegistryException;
import dev.sociscope.core.soci.SociAnnotations;
import dev.sociscope.core.soci.SociEnabledIndex;
import dev.sociscope.core.soci.LayerRule;
import dev.sociscope.core.soci.SociIndex;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.soci.ZtocDescriptor;
import dev.sociscope.core.ztoc.ZtocFormatException;
import dev.sociscope.core.ztoc.ZtocReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the SOCI indexes of an image (spec 2.5, 3.4): v1 indexes through the referrers of each platform manifest
 * (referrers API, else the {@code sha256-<hex>} fallback tag), v2 indexes through the manifest's
 * {@code com.amazon.soci.index-digest} annotation and the SOCI index entries of a SOCI-enabled image index.
 */
public final class SociDiscoverer {
  /** Index manifests fetched at the same time at most (an image may have thousands of referrers). */
  static final int PARALLEL_READS = 8;
  private static final ExecutorService READS = Executors.newFixedThreadPool(PARALLEL_READS, r -> {
    Thread t = new Thread(r, "sociscope-discovery");
    t.setDaemon(true);
    return t;
  });
  private final ImageSource source;
  private final boolean readIndexes;

  public SociDiscoverer(ImageSource source) {
    this(source, true);
  }

  /**
   * With {@code readIndexes} false, indexes found through referrers are listed from their descriptors alone (no
   * request per index; {@link FoundIndex#index()} is null and {@link FoundIndex#problem()} too): what a list of
   * digests needs.
   */
  public SociDiscoverer(ImageSource source, boolean readIndexes) {
    this.source = source;
    this.readIndexes = readIndexes;
  }

  /** Discovers the indexes of the image {@code reference} (tag or digest) for the selected platforms. */
  public Discovery discover(String reference, ImageResolver.PlatformSelection selection) throws IOException {
    OciDocument top = source.manifest(reference);
    SociEnabledIndex enabled = top.isIndex() ? new SociEnabledIndex(top.index()) : null;
    List<Discovery.PlatformIndexes> platforms = new ArrayList<>();
    List<String> cutShort = new ArrayList<>();
    if (top.isManifest()) {
      // The config (read for the platform) and the referrers are asked at the same time: one round trip, not two.
      CompletableFuture<List<PlatformManifest>> resolved =
          Futures.alongside(() -> ImageResolver.resolve(source, top, selection));
      List<FoundIndex> found = indexesOf(top, enabled, cutShort);
      platforms.add(new Discovery.PlatformIndexes(Futures.join(resolved).get(0), found));
    } else {
      for (PlatformManifest pm : ImageResolver.resolve(source, top, selection)) {
        platforms.add(new Discovery.PlatformIndexes(pm, indexesOf(pm.manifest(), enabled, cutShort)));
      }
    }
    return new Discovery(source.describe() + (reference.startsWith("sha256:") ? "@" : ":") + reference, top,
        platforms, enabled, cutShort);
  }

  /** The indexes of one image manifest: v2 first (what the runtime prefers), then v1. */
  public List<FoundIndex> indexesOf(PlatformManifest pm, SociEnabledIndex enabled) throws IOException {
    return indexesOf(pm.manifest(), enabled, new ArrayList<>());
  }

  /**
   * As above, for the image manifest {@code image} (what the indexes depend on: its digest and annotations, not its
   * platform); why a referrers listing was cut short (the listing limits) is added to {@code cutShort}.
   */
  private List<FoundIndex> indexesOf(OciDocument image, SociEnabledIndex enabled, List<String> cutShort)
      throws IOException {
    Map<Digest, FoundIndex> found = new LinkedHashMap<>();
    Optional<Digest> annotated = SociEnabledIndex.indexDigestOf(image.manifest());
    if (annotated.isPresent()) {
      Descriptor d = Descriptor.of(MediaType.OCI_MANIFEST, annotated.get(), 0);
      found.put(annotated.get(), read(SociVersion.V2, d, FoundIndex.Via.MANIFEST_ANNOTATION));
    }
    if (enabled != null) {
      Optional<SociEnabledIndex.Entry> e = enabled.forImageManifest(image.digest());
      if (e.isPresent() && !found.containsKey(e.get().sociIndex().digest())) {
        found.put(e.get().sociIndex().digest(), read(SociVersion.V2, e.get().sociIndex(),
            FoundIndex.Via.SOCI_ENABLED_INDEX));
      }
    }
    // Filtered by artifact type from the list itself; only SOCI indexes are fetched, several at a time.
    Map<Digest, CompletableFuture<FoundIndex>> reads = new LinkedHashMap<>();
    ReferrerListing listing = source.referrerListing(image.digest(), null);
    listing.cutShort().ifPresent(why -> cutShort.add("the referrers of " + image.digest() + " were cut"
        + " short after " + listing.descriptors().size() + " entries: " + why));
    for (Descriptor d : sociIndexes(listing.descriptors())) {
      SociVersion v = SociVersion.fromArtifactType(d.artifactType());
      if (v != null && !found.containsKey(d.digest()) && !reads.containsKey(d.digest())) {
        reads.put(d.digest(), !readIndexes
            ? CompletableFuture.completedFuture(new FoundIndex(v, d, FoundIndex.Via.REFERRERS, null, null))
            : CompletableFuture.supplyAsync(() -> {
              try {
                return read(v, d, FoundIndex.Via.REFERRERS);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }, READS));
      }
    }
    try {
      for (Map.Entry<Digest, CompletableFuture<FoundIndex>> e : reads.entrySet()) {
        found.put(e.getKey(), Futures.join(e.getValue()));
      }
    } finally {
      reads.values().forEach(f -> f.cancel(false)); // after a failure, reads not started yet are dropped
    }
    return new ArrayList<>(found.values());
  }


  /**
   * The referrers of a manifest that are SOCI indexes (v1 or v2 artifact type): the referrers API, else the
   * {@code sha256-<hex>} fallback tag for registries; a scan of the manifests for layouts.
   */
  public static List<Descriptor> referrers(ImageSource source, Digest subject) throws IOException {
    return sociIndexes(source.referrers(subject, null));
  }

  private static List<Descriptor> sociIndexes(List<Descriptor> referrers) {
    List<Descriptor> out = new ArrayList<>();
    for (Descriptor d : referrers) {
      if (MediaType.isSociIndex(d.artifactType())) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * Images of the same store with the same config and layers as {@code pm} (tags scanned, at most {@code maxTags};
   * fallback tags skipped): from an original image to the SOCI-enabled images made from it, and back.
   */
  public List<RelatedImage> relatedImages(PlatformManifest pm, int maxTags) throws IOException {
    List<RelatedImage> out = new ArrayList<>();
    var mine = pm.manifest().manifest();
    int seen = 0;
    for (String tag : source.tags()) {
      if (tag.startsWith("sha256-") || seen++ >= maxTags) {
        continue;
      }
      Optional<OciDocument> doc = source.findManifest(tag);
      if (doc.isEmpty()) {
        continue;
      }
      List<OciDocument> candidates = new ArrayList<>();
      if (doc.get().isManifest()) {
        candidates.add(doc.get());
      } else if (doc.get().isIndex()) {
        for (Descriptor d : doc.get().index().manifests()) {
          if (!SociEnabledIndex.isSociIndexEntry(d) && d.artifactType().isEmpty()
              && (d.mediaType().isEmpty() || MediaType.isManifest(d.mediaType()))) {
            source.findManifest(d.digest().toString()).ifPresent(candidates::add);
          }
        }
      }
      for (OciDocument c : candidates) {
        if (!c.isManifest() || c.digest().equals(pm.manifest().digest())) {
          continue;
        }
        var m = c.manifest();
        if (m.config().digest().equals(mine.config().digest()) && layerDigests(m.layers()).equals(
            layerDigests(mine.layers()))) {
          out.add(new RelatedImage(tag, c.digest(), SociEnabledIndex.indexDigestOf(m).orElse(null)));
        }
      }
    }
    return out;
  }

  private static List<Digest> layerDigests(List<Descriptor> layers) {
    List<Digest> out = new ArrayList<>();
    for (Descriptor d : layers) {
      out.add(d.digest());
    }
    return out;
  }

  private FoundIndex read(SociVersion version, Descriptor d, FoundIndex.Via via) throws IOException {
    try {
      OciDocument doc = source.manifest(d.digest().toString());
      if (d.size() > 0 && doc.size() != d.size()) {
        return new FoundIndex(version, d, via, null, "index manifest " + d.digest() + " is " + doc.size()
            + " bytes, its descriptor says " + d.size());
      }
      Descriptor full = d.size() == 0 ? d.withContent(d.digest(), doc.size()) : d;
      SociIndex index = SociIndex.from(doc);
      return new FoundIndex(index.version(), full, via, index, null);
    } catch (NotFoundException e) {
      return new FoundIndex(version, d, via, null, "index manifest " + d.digest() + " is missing: " + e.getMessage());
    } catch (OciFormatException e) {
      return new FoundIndex(version, d, via, null, "index manifest " + d.digest() + " is unusable: " + e.getMessage());
    }
  }

  /**
   * Per layer of the image manifest: indexed by {@code index} or why not. With {@code fetchZtocs} every zTOC is
   * fetched (digest verified) to count its spans and files, and missing zTOC blobs are reported.
   */
  public List<LayerStatus> layers(PlatformManifest pm, SociIndex index, boolean fetchZtocs) throws IOException {
    List<Descriptor> layers = pm.manifest().manifest().layers();
    long smallestIndexed = Long.MAX_VALUE;
    for (Descriptor layer : layers) {
      if (index.ztocFor(layer.digest()).isPresent()) {
        smallestIndexed = Math.min(smallestIndexed, layer.size());
      }
    }
    List<LayerStatus> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Descriptor layer = layers.get(i);
      Optional<ZtocDescriptor> z = index.ztocFor(layer.digest());
      if (z.isPresent()) {
        out.add(indexed(i, layer, z.get(), fetchZtocs));
        continue;
      }
      out.add(notIndexed(i, layer, smallestIndexed));
    }
    return out;
  }

  /** Per layer of an image manifest without a usable index: what {@code create} with the defaults would do. */
  public static List<LayerStatus> withoutIndex(PlatformManifest pm) {
    List<Descriptor> layers = pm.manifest().manifest().layers();
    List<LayerStatus> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      LayerRule.Decision rule = LayerRule.decide(layers.get(i), SociDefaults.MIN_LAYER_SIZE);
      out.add(new LayerStatus(i, layers.get(i), LayerStatus.State.NO_INDEX, null, -1, -1,
          "no SOCI index; with the default options: " + (rule.indexed() ? "would be indexed" : rule.reason())));
    }
    return out;
  }

  /**
   * Why a layer is not in the index, by {@link LayerRule} with the min layer size the index was built with, which
   * it does not record: at most the smallest layer it indexes.
   */
  static LayerStatus notIndexed(int i, Descriptor layer, long smallestIndexed) {
    long inferredMin = smallestIndexed == Long.MAX_VALUE ? SociDefaults.MIN_LAYER_SIZE : smallestIndexed;
    LayerRule.Decision rule = LayerRule.decide(layer, inferredMin);
    LayerStatus.State state;
    switch (rule.verdict()) {
      case PREFETCH_ARTIFACT: state = LayerStatus.State.PREFETCH_ARTIFACT; break;
      case NOT_A_LAYER: state = LayerStatus.State.NOT_A_LAYER; break;
      case BELOW_MIN_SIZE: state = LayerStatus.State.BELOW_MIN_SIZE; break;
      case UNSUPPORTED_COMPRESSION: state = LayerStatus.State.UNSUPPORTED_FORMAT; break;
      default:
        return new LayerStatus(i, layer, LayerStatus.State.NOT_INDEXED, null, -1, -1,
            "not in this index (built with other options?)");
    }
    String detail = state == LayerStatus.State.BELOW_MIN_SIZE
        ? "size " + layer.size() + " is below the min layer size (smallest indexed layer: " + inferredMin + ")"
        : rule.reason();
    return new LayerStatus(i, layer, state, null, -1, -1, detail);
  }

  private LayerStatus indexed(int i, Descriptor layer, ZtocDescriptor z, boolean fetch) throws IOException {
    if (!fetch) {
      return new LayerStatus(i, layer, LayerStatus.State.INDEXED, z, -1, -1, "zTOC " + z.ztocDigest());
    }
    try {
      byte[] bytes = source.readBlob(z.descriptor(), dev.sociscope.core.image.BlobKind.ZTOC);
      ZtocReader.Parsed parsed = ZtocReader.readWithZinfo(bytes);
      return new LayerStatus(i, layer, LayerStatus.State.INDEXED, z, parsed.zinfo().spanCount(),
          parsed.ztoc().files().size(), "zTOC " + z.ztocDigest());
    } catch (NotFoundException e) {
      return new LayerStatus(i, layer, LayerStatus.State.ZTOC_MISSING, z, -1, -1,
          "the index names zTOC " + z.ztocDigest() + " but its blob is missing");
    } catch (dev.sociscope.core.error.CorruptInputException e) {
      return new LayerStatus(i, layer, LayerStatus.State.ZTOC_MISSING, z, -1, -1,
          "zTOC " + z.ztocDigest() + " is unreadable: " + e.getMessage());
    }
  }
}
