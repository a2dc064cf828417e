package dev.sociscope.core.workflow;

import dev.sociscope.core.error.InvalidRequestException;
import dev.sociscope.core.error.CorruptInputException;
import dev.sociscope.core.files.ImageFiles;
import dev.sociscope.core.image.ImageLocation;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.image.PlatformManifest;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.SociBuildException;
import dev.sociscope.core.soci.SociIndex;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.oci.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

/**
 * The SOCI workflows behind one API, for the GUI and the CLI alike: discover, create (and push), convert, list and
 * read files of remote images, remove indexes. Images are named as users type them ({@link OpenedImage}):
 * registry references or {@code oci:DIR[:TAG]} layouts.
 *
 * <pre>{@code
 * SociService soci = new SociService(RegistryClient.builder().build(), new ZtocCache(ZtocCache.defaultDir()));
 * Discovery d = soci.discover("127.0.0.1:5000/app:1.0", PlatformSelection.ALL);
 * CreateOutcome o = soci.create("127.0.0.1:5000/app:1.0", CreateRequest.defaults().pushing(true),
 *     CreateListener.NONE, new Cancellation());
 * }</pre>
 */
public final class SociService implements java.io.Closeable {
  private final RegistryClient client;
  private final ZtocCache cache;
  private final int parallelism;
  private final java.util.Map<String, OpenedImage> archives = new java.util.concurrent.ConcurrentHashMap<>();

  /** How many layers are downloaded and indexed at once, by the CLI and the GUI alike. */
  public static final int DEFAULT_PARALLELISM = 3;

  /** A service over {@code client} keeping built zTOCs in {@code cache}, {@link #DEFAULT_PARALLELISM} layers at once. */
  public SociService(RegistryClient client, ZtocCache cache) {
    this(client, cache, DEFAULT_PARALLELISM);
  }

  /**
   * @param parallelism how many layers are downloaded and indexed at once
   */
  public SociService(RegistryClient client, ZtocCache cache, int parallelism) {
    this.client = Objects.requireNonNull(client, "client");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.parallelism = Math.max(1, parallelism);
  }

  /** A service with the default cache folder ({@link ZtocCache#defaultDir()}). */
  public static SociService withDefaults(RegistryClient client) throws IOException {
    return new SociService(client, new ZtocCache(ZtocCache.defaultDir()));
  }

  /**
   * Closes the archives this service opened (a gzip-compressed one holds an inflated temporary copy). Registry
   * and layout images hold nothing open.
   */
  @Override
  public void close() throws IOException {
    IOException first = null;
    for (String key : List.copyOf(archives.keySet())) {
      OpenedImage archive = archives.remove(key);
      try {
        if (archive != null) {
          archive.close();
        }
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  public ZtocCache cache() {
    return cache;
  }

  /** The registry client behind this service (catalog listing and pings are not SOCI work). */
  public RegistryClient client() {
    return client;
  }

  /** Opens an image location ({@code host/repo:tag}, {@code repo@sha256:...}, {@code oci:DIR[:TAG]}). */
  public OpenedImage open(String ref) throws IOException {
    return open(ref, null);
  }

  /**
   * Like {@link #open(String)}; {@code cancel} (may be null) also stops registry requests in flight. Archives are
   * read-only and costly to open (a gzip-compressed one is inflated first), so each is opened once per service.
   */
  public OpenedImage open(String ref, Cancellation cancel) throws IOException {
    ImageLocation location = ImageLocation.parse(ref);
    if (location instanceof ImageLocation.OciArchive || location instanceof ImageLocation.DockerArchive) {
      String key = ImageLocation.withReference(location, null).toString();
      OpenedImage archive = archives.get(key);
      if (archive == null) {
        archive = OpenedImage.open(location, client, cancel);
        OpenedImage raced = archives.putIfAbsent(key, archive);
        if (raced != null) {
          archive.close();
          archive = raced;
        }
      }
      return new OpenedImage(archive.store(), location.reference(), location);
    }
    return OpenedImage.open(location, client, cancel);
  }

  /**
   * One platform of an image for an inspector ({@link ImageOverview}). {@code platform} null means the default:
   * {@code linux/amd64} when the image has it (as {@code create} picks), else its first platform.
   */
  public ImageOverview overview(String ref, Platform platform) throws IOException {
    return ImageOverview.read(open(ref), platform);
  }

  /**
   * What starting a container costs with and without lazy loading, for the paths it touches at start
   * ({@link dev.sociscope.core.profile.StartupProfile}); {@code platform} null picks as {@link #overview} does.
   */
  public dev.sociscope.core.profile.StartupProfile profile(String ref, Platform platform, List<String> paths)
      throws IOException {
    ImageOverview o = overview(ref, platform);
    OpenedImage loc = open(ref);
    Optional<FoundIndex> used = o.used();
    ImageFiles files = new ImageFiles(loc.store(), o.shown(), used.map(FoundIndex::index).orElse(null), cache);
    return dev.sociscope.core.profile.StartupProfiler.profile(o.shown().platformText(), files,
        used.map(FoundIndex::index).orElse(null), used.map(f -> f.descriptor().digest()).orElse(null),
        used.map(f -> f.descriptor().size()).orElse(0L), o.shown().manifest().manifest().config().size(), paths);
  }

  /** Every prefetch artifact of every usable SOCI index of the selected platforms, each blob fetched and read. */
  public List<FoundPrefetch> prefetches(String ref, ImageResolver.PlatformSelection selection) throws IOException {
    OpenedImage loc = open(ref);
    Discovery d = new SociDiscoverer(loc.store()).discover(loc.reference(), selection);
    List<FoundPrefetch> out = new ArrayList<>();
    for (Discovery.PlatformIndexes p : d.platforms()) {
      for (FoundIndex f : p.indexes()) {
        if (!f.usable()) {
          continue;
        }
        for (dev.sociscope.core.soci.PrefetchDescriptor pd : f.index().prefetches()) {
          try {
            out.add(new FoundPrefetch(p.manifest(), f, pd, dev.sociscope.core.soci.PrefetchArtifact.parse(
                loc.store().readBlob(pd.descriptor(), dev.sociscope.core.image.BlobKind.PREFETCH)), null));
          } catch (dev.sociscope.core.error.NotFoundException | dev.sociscope.core.error.CorruptInputException e) {
            out.add(new FoundPrefetch(p.manifest(), f, pd, null, e.getMessage()));
          }
        }
      }
    }
    return out;
  }

  /**
   * How two SOCI indexes differ. Each side is a reference to a SOCI index manifest ({@code repo@sha256:...}) or to
   * an image, which stands for the index the runtime would use for its default platform.
   */
  public dev.sociscope.core.diff.IndexDiff diff(String a, String b) throws IOException {
    return dev.sociscope.core.diff.IndexDiffer.diff(side(a), side(b));
  }

  private dev.sociscope.core.diff.IndexDiffer.Side side(String ref) throws IOException {
    OpenedImage loc = open(ref);
    OciDocument doc = loc.store().manifest(loc.reference());
    if (doc.isManifest() && SociIndex.isSociIndex(doc.manifest())) {
      return new dev.sociscope.core.diff.IndexDiffer.Side(doc.digest(), doc.size(), SociIndex.from(doc),
          loc.store());
    }
    FoundIndex used = overview(ref, null).used().orElseThrow(() -> new InvalidRequestException(loc.display()
        + " has no usable SOCI index to compare (create or convert one first)"));
    return new dev.sociscope.core.diff.IndexDiffer.Side(used.descriptor().digest(), used.descriptor().size(),
        used.index(), loc.store());
  }

  /**
   * {@code index prune}: orphaned SOCI entries of the repository's fallback tags, removed unless {@code dryRun}
   * ({@link IndexPruner}).
   *
   * @param ref any image of the repository (or the repository itself; its tag need not exist)
   */
  public IndexPruner.Pruned prune(String ref, boolean dryRun) throws IOException {
    return IndexPruner.prune(open(ref).store(), dryRun);
  }

  /**
   * What the start of {@link #profile} would cost with other span sizes and min layer sizes; {@code exact} reads
   * every layer SOCI can index once (a full download), else the existing zTOCs are scaled.
   */
  public dev.sociscope.core.profile.WhatIf whatIf(String ref, Platform platform, List<String> paths,
      List<Long> spanSizes, long minLayerSize, boolean exact, Cancellation cancel) throws IOException {
    OpenedImage loc = open(ref, cancel);
    ImageOverview o = ImageOverview.read(loc, platform);
    ImageFiles files = new ImageFiles(loc.store(), o.shown(), o.used().map(FoundIndex::index).orElse(null), cache);
    return dev.sociscope.core.profile.WhatIfAnalyzer.analyze(loc.store(), files, paths, spanSizes, minLayerSize,
        exact, cancel == null ? () -> false : cancel::isCancelled);
  }

  /** What {@code create} would do with these options, per selected platform and layer, before building. */
  public IndexPlan plan(String ref, ImageResolver.PlatformSelection selection, SociIndexOptions options)
      throws IOException {
    OpenedImage loc = open(ref);
    return new IndexPlanner(loc.store()).plan(loc.reference(), selection, options);
  }

  /** Finds every SOCI index of the image's selected platforms. */
  public Discovery discover(String ref, ImageResolver.PlatformSelection selection) throws IOException {
    return discover(ref, selection, true);
  }

  /**
   * Like {@link #discover(String, ImageResolver.PlatformSelection)}; with {@code readIndexes} false the v1 indexes
   * are listed from the referrers list alone, without fetching each index manifest (for a list of digests).
   */
  public Discovery discover(String ref, ImageResolver.PlatformSelection selection, boolean readIndexes)
      throws IOException {
    OpenedImage loc = open(ref);
    return new SociDiscoverer(loc.store(), readIndexes).discover(loc.reference(), selection);
  }

  /** Per layer of a platform manifest: indexed by {@code index} or why not. */
  public List<LayerStatus> layerStatus(String ref, PlatformManifest pm, SociIndex index, boolean fetchZtocs)
      throws IOException {
    return new SociDiscoverer(open(ref).store()).layers(pm, index, fetchZtocs);
  }

  /**
   * Per platform of the image: other images of the same repository or layout with the same config and layers (the
   * SOCI-enabled images made from it, or its original). Scans at most {@code maxTags} tags.
   */
  public java.util.Map<PlatformManifest, List<RelatedImage>> relatedImages(String ref,
      ImageResolver.PlatformSelection selection, int maxTags) throws IOException {
    OpenedImage loc = open(ref);
    SociDiscoverer discoverer = new SociDiscoverer(loc.store());
    java.util.Map<PlatformManifest, List<RelatedImage>> out = new java.util.LinkedHashMap<>();
    OciDocument top = loc.store().manifest(loc.reference());
    for (PlatformManifest pm : ImageResolver.resolve(loc.store(), top, selection)) {
      out.put(pm, discoverer.relatedImages(pm, maxTags));
    }
    return out;
  }

  /** A SOCI index manifest by digest, from the image's repository (or layout). */
  public OciDocument indexManifest(String ref, Digest digest) throws IOException {
    return open(ref).store().manifest(digest.toString());
  }

  /** Options of {@link #create}. */
  public record CreateRequest(SociIndexOptions options, boolean force, boolean push,
      ImageResolver.PlatformSelection platforms) {
    public CreateRequest {
      Objects.requireNonNull(options, "options");
      Objects.requireNonNull(platforms, "platforms");
    }

    /** Upstream's defaults: v1, 4 MiB spans, 10 MiB min layer size, no push, the default platform. */
    public static CreateRequest defaults() {
      return new CreateRequest(SociIndexOptions.defaults(SociVersion.V1), false, false,
          ImageResolver.PlatformSelection.DEFAULT);
    }

    public CreateRequest withOptions(SociIndexOptions o) {
      return new CreateRequest(o, force, push, platforms);
    }

    public CreateRequest forcing(boolean f) {
      return new CreateRequest(options, f, push, platforms);
    }

    public CreateRequest pushing(boolean p) {
      return new CreateRequest(options, force, p, platforms);
    }

    public CreateRequest withPlatforms(ImageResolver.PlatformSelection p) {
      return new CreateRequest(options, force, push, p);
    }
  }

  /** What {@link #create} did, per platform. */
  public record CreateOutcome(List<CreatedIndex> created, List<PushResult> pushed) {
    public CreateOutcome {
      created = List.copyOf(created);
      pushed = List.copyOf(pushed);
    }
  }

  /** {@code soci create} (+ {@code soci push} when asked) for the selected platforms of an image. */
  public CreateOutcome create(String ref, CreateRequest request, CreateListener listener, Cancellation cancel)
      throws IOException, SociBuildException {
    OpenedImage loc = open(ref, cancel);
    if (request.push() && !loc.writable()) {
      throw new IllegalArgumentException(loc.location() + " is read-only: create without --push, or copy the image"
          + " to a registry or an oci: folder first");
    }
    OciDocument top = loc.store().manifest(loc.reference());
    List<PlatformManifest> pms = ImageResolver.resolve(loc.store(), top, request.platforms());
    SociCreator creator = new SociCreator(loc.store(), cache, parallelism, listener, cancel);
    List<CreatedIndex> created = new ArrayList<>();
    List<PushResult> pushed = new ArrayList<>();
    for (PlatformManifest pm : pms) {
      CreatedIndex ci = creator.create(pm, request.options(), request.force());
      created.add(ci);
      if (request.push()) {
        if (cancel != null) {
          cancel.check("push the SOCI index");
        }
        pushed.add(new SociPusher(cache, listener).push(ci, loc.store()));
      }
    }
    return new CreateOutcome(created, pushed);
  }

  /**
   * {@code soci push}: for each selected platform, the newest v1 index built here (by {@link #create}) for its
   * image manifest is pushed.
   *
   * @throws InvalidRequestException when a platform has no locally built v1 index
   */
  public List<PushResult> push(String ref, ImageResolver.PlatformSelection selection, CreateListener listener,
      Cancellation cancel) throws IOException {
    OpenedImage loc = open(ref, cancel);
    OciDocument top = loc.store().manifest(loc.reference());
    List<PushResult> out = new ArrayList<>();
    for (PlatformManifest pm : ImageResolver.resolve(loc.store(), top, selection)) {
      List<Digest> built = cache.indexesFor(pm.manifest().digest());
      if (built.isEmpty()) {
        throw new InvalidRequestException("no SOCI v1 index was created here for " + loc.display() + " ("
            + pm.platformText() + ", image manifest " + pm.manifest().digest() + "); run create first");
      }
      OciDocument doc = cache.store().manifest(built.get(built.size() - 1).toString());
      SociIndex index;
      try {
        index = SociIndex.from(doc);
      } catch (dev.sociscope.core.oci.OciFormatException e) {
        throw new CorruptInputException("cached index " + doc.digest() + " is unreadable: " + e.getMessage(), e);
      }
      out.add(new SociPusher(cache, listener).push(doc, index, pm.descriptor(), loc.store()));
    }
    return out;
  }

  /** {@code soci convert SRC DST}: a SOCI-enabled image written to a registry or a layout. */
  public ConvertResult convert(String src, String dst, ImageResolver.PlatformSelection selection,
      SociIndexOptions options, boolean force, CreateListener listener, Cancellation cancel)
      throws IOException, SociBuildException {
    return convert(src, dst, selection, options, force, false, ExistingIndexPolicy.WARN, listener, cancel);
  }

  /**
   * {@code soci convert}, with a dry run ({@link ConvertResult#preview()} says what would be written; zTOCs are
   * built into the cache) and a policy for images that already have SOCI artifacts.
   */
  public ConvertResult convert(String src, String dst, ImageResolver.PlatformSelection selection,
      SociIndexOptions options, boolean force, boolean dryRun, ExistingIndexPolicy existing, CreateListener listener,
      Cancellation cancel) throws IOException, SociBuildException {
    OpenedImage from = open(src, cancel);
    OpenedImage to = OpenedImage.openForWriting(dst, client, cancel);
    CreateListener out = listener == null ? CreateListener.NONE : listener;
    Optional<String> already = SociConverter.existingSoci(from, to);
    if (already.isPresent() && existing != ExistingIndexPolicy.ALLOW) {
      if (existing == ExistingIndexPolicy.SKIP) {
        out.message("skipped: " + already.get());
        return new ConvertResult(to.display(), null, List.of(), List.of(), already.get());
      }
      out.message("warning: " + already.get() + "; converting anyway (--existing-index skip leaves it)");
    }
    SociCreator creator = new SociCreator(from.store(), cache, parallelism, listener, cancel);
    return new SociConverter(creator, cache, listener).convert(from, to, selection, options, force, dryRun);
  }



  /**
   * The files of one platform of an image, through the SOCI index chosen as the runtime would (v2 first, then the
   * first v1 referrer), or {@code indexDigest} when given. Without any index every layer is streamed.
   */
  public ImageFiles files(String ref, ImageResolver.PlatformSelection selection, Digest indexDigest)
      throws IOException {
    return files(ref, selection, indexDigest, null);
  }

  /** Like {@link #files(String, ImageResolver.PlatformSelection, Digest)}; {@code cancel} stops its requests. */
  public ImageFiles files(String ref, ImageResolver.PlatformSelection selection, Digest indexDigest,
      Cancellation cancel) throws IOException {
    OpenedImage loc = open(ref, cancel);
    Discovery d = new SociDiscoverer(loc.store()).discover(loc.reference(), selection);
    Discovery.PlatformIndexes p = d.platforms().get(0);
    SociIndex chosen = null;
    for (FoundIndex f : p.indexes()) {
      if (f.usable() && (indexDigest == null || f.descriptor().digest().equals(indexDigest))) {
        chosen = f.index();
        break;
      }
    }
    if (indexDigest != null && chosen == null) {
      OciDocument doc = loc.store().manifest(indexDigest.toString());
      try {
        chosen = SociIndex.from(doc);
      } catch (dev.sociscope.core.oci.OciFormatException e) {
        throw new InvalidRequestException(indexDigest + " is not a SOCI index: " + e.getMessage(), e);
      }
    }
    return new ImageFiles(loc.store(), p.manifest(), chosen, cache);
  }

  /** Removes v1 indexes of the image's platform manifests (all of them when {@code indexes} is empty). */
  public List<IndexRemover.Removed> remove(String ref, ImageResolver.PlatformSelection selection,
      List<Digest> indexes) throws IOException {
    OpenedImage loc = open(ref);
    Discovery d = new SociDiscoverer(loc.store()).discover(loc.reference(), selection);
    List<Digest> v1 = new ArrayList<>();
    for (Discovery.PlatformIndexes p : d.platforms()) {
      for (FoundIndex f : p.indexes()) {
        if (f.via() == FoundIndex.Via.REFERRERS) {
          v1.add(f.descriptor().digest());
        }
      }
    }
    for (Digest want : indexes) { // check everything before changing anything
      if (!v1.contains(want)) {
        throw new InvalidRequestException("SOCI index " + want + " is not a v1 referrer of " + loc.display()
            + (d.allIndexes().stream().anyMatch(f -> f.descriptor().digest().equals(want))
                ? " (v2 indexes belong to their SOCI-enabled image; delete or re-convert that image instead)" : ""));
      }
    }
    List<IndexRemover.Removed> out = new ArrayList<>();
    for (Discovery.PlatformIndexes p : d.platforms()) {
      List<Digest> mine = new ArrayList<>();
      for (FoundIndex f : p.indexes()) {
        if (f.via() == FoundIndex.Via.REFERRERS
            && (indexes.isEmpty() || indexes.contains(f.descriptor().digest()))) {
          mine.add(f.descriptor().digest());
        }
      }
      if (!mine.isEmpty()) {
        out.addAll(IndexRemover.remove(loc.store(), p.manifest().manifest().digest(), mine));
      }
    }
    return out;
  }
}
