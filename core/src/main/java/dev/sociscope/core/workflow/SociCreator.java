package dev.sociscope.core.workflow;

import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.image.PlatformManifest;
import dev.sociscope.core.build.ZtocBuilder;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.error.CancelledException;
import dev.sociscope.core.soci.BuiltZtoc;
import dev.sociscope.core.soci.SociAnnotations;
import dev.sociscope.core.soci.SociBuildException;
import dev.sociscope.core.soci.SociIndexBuild;
import dev.sociscope.core.soci.PrefetchPlanner;
import dev.sociscope.core.soci.PrefetchDescriptor;
import dev.sociscope.core.soci.SociIndexBuilder;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.PaxRecord;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocReader;
import dev.sociscope.core.ztoc.ZtocWriter;
import java.io.IOException;
import java.util.function.LongConsumer;
import org.apache.commons.io.input.ProxyInputStream;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code soci create} (spec 2.6, 1.3): builds the zTOCs of the layers that qualify, streaming each layer from the
 * source through the {@link ZtocBuilder} (digest verified at the end of the stream, memory independent of the
 * layer size), several layers at a time, then the index manifest. zTOCs built earlier for the same layer, span size
 * and tool are reused unless {@code force}.
 */
public final class SociCreator {
  private final ImageSource source;
  private final ZtocCache cache;
  private final int parallelism;
  private final CreateListener listener;
  private final Cancellation cancel;

  public SociCreator(ImageSource source, ZtocCache cache, int parallelism, CreateListener listener,
      Cancellation cancel) {
    this.source = Objects.requireNonNull(source, "source");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.parallelism = Math.max(1, parallelism);
    this.listener = listener == null ? CreateListener.NONE : listener;
    this.cancel = cancel == null ? Cancellation.NONE : cancel;
  }

  /** Builds the index (v1 or v2 as {@code options} say) for one image manifest and stores it in the cache. */
  public CreatedIndex create(PlatformManifest pm, SociIndexOptions options, boolean force)
      throws IOException, SociBuildException {
    List<Descriptor> layers = pm.manifest().manifest().layers();
    // Dry run: which layers need a zTOC (also fails early on non-layer types and empty indexes).
    List<Descriptor> wanted = new ArrayList<>();
    SociIndexBuilder.build(pm.descriptor(), layers, options, (layer, compression) -> {
      wanted.add(layer);
      return new BuiltZtoc(SociAnnotations.EMPTY_JSON_DIGEST, 0, false, false, false);
    });
    Map<Digest, BuiltZtoc> built = buildAll(wanted, options, force);
    List<PrefetchDescriptor> prefetches = prefetches(layers, built, options.prefetchPaths());
    SociIndexBuild build = SociIndexBuilder.build(pm.descriptor(), layers, options,
        (layer, compression) -> built.get(layer.digest()), prefetches);
    build.messages().forEach(listener::message);
    cache.store().putBlob(SociAnnotations.EMPTY_JSON_DIGEST, BlobContent.ofBytes(SociAnnotations.EMPTY_JSON));
    cache.store().putBlob(build.digest(), BlobContent.ofBytes(build.bytes()));
    if (options.version() == dev.sociscope.core.soci.SociVersion.V1) {
      cache.recordIndex(pm.manifest().digest(), build.digest());
    }
    return new CreatedIndex(pm, build);
  }

  /**
   * The prefetch artifacts for {@code paths} (spec 3.7), stored in the cache next to the zTOCs; a path found in no
   * indexed layer is reported through the listener. Unlike upstream, layers whose zTOC was reused from the cache
   * get their artifact too.
   */
  private List<PrefetchDescriptor> prefetches(List<Descriptor> layers, Map<Digest, BuiltZtoc> built,
      List<String> paths) throws IOException {
    if (paths.isEmpty()) {
      return List.of();
    }
    List<PrefetchPlanner.IndexedLayer> indexed = new ArrayList<>();
    for (Descriptor layer : layers) {
      BuiltZtoc z = built.get(layer.digest());
      if (z != null) {
        ZtocReader.Parsed parsed = ZtocReader.readWithZinfo(cache.read(z.digest()));
        indexed.add(new PrefetchPlanner.IndexedLayer(layer.digest(), parsed.ztoc(), parsed.zinfo()));
      }
    }
    PrefetchPlanner.Plan plan = PrefetchPlanner.plan(paths, indexed);
    for (PrefetchPlanner.LayerPrefetch p : plan.prefetches()) {
      cache.store().putBlob(p.descriptor().descriptor().digest(), BlobContent.ofBytes(p.bytes()));
    }
    plan.warnings().forEach(listener::message);
    return plan.descriptors();
  }

  private Map<Digest, BuiltZtoc> buildAll(List<Descriptor> layers, SociIndexOptions options, boolean force)
      throws IOException {
    Map<Digest, BuiltZtoc> out = new LinkedHashMap<>();
    if (layers.isEmpty()) {
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, layers.size()), r -> {
      Thread t = new Thread(r, "sociscope-ztoc");
      t.setDaemon(true);
      return t;
    });
    try {
      Map<Digest, Future<BuiltZtoc>> futures = new LinkedHashMap<>();
      for (Descriptor layer : layers) {
        if (!futures.containsKey(layer.digest())) {
          futures.put(layer.digest(), pool.submit(() -> buildOne(layer, options, force)));
        }
      }
      for (Map.Entry<Digest, Future<BuiltZtoc>> e : futures.entrySet()) {
        out.put(e.getKey(), await(e.getValue()));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private BuiltZtoc await(Future<BuiltZtoc> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      cancel.cancel();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while building zTOCs");
    } catch (ExecutionException e) {
      cancel.cancel(); // stop the other layers
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      if (cause instanceof CancellationException) {
        throw new CancelledException("build zTOCs");
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IOException(cause);
    }
  }

  private BuiltZtoc buildOne(Descriptor layer, SociIndexOptions options, boolean force) throws IOException {
    cancel.check("build the zTOC of layer " + layer.digest());
    if (!force) {
      var existing = cache.find(layer.digest(), options.spanSize(), options.buildToolIdentifier());
      if (existing.isPresent()) {
        byte[] bytes = cache.read(existing.get());
        try {
          return summary(existing.get(), bytes.length, ZtocReader.read(bytes), true);
        } catch (dev.sociscope.core.ztoc.ZtocFormatException e) {
          // unreadable cache entry: build again
        }
      }
    }
    long total = layer.size();
    listener.layerStarted(layer, total);
    ZtocBuilder builder = new ZtocBuilder(new ZtocBuilder.Options(options.spanSize(), options.buildToolIdentifier()));
    Ztoc ztoc;
    try (InputStream raw = source.openBlob(layer.digest());
        InputStream in = new ProgressStream(raw, n -> listener.layerProgress(layer, n, total))) {
      try {
        ztoc = builder.build(in, n -> { }, cancel::isCancelled);
      } catch (CancellationException e) {
        throw new CancelledException("build the zTOC of layer " + layer.digest());
      } catch (IOException e) {
        if (e instanceof SociscopeException || e instanceof InterruptedIOException) {
          throw e;
        }
        throw SociscopeException.wrap("layer " + layer.digest(), e);
      }
      in.transferTo(OutputStream.nullOutputStream()); // the rest, so the digest check at the end runs
    }
    byte[] bytes = ZtocWriter.write(ztoc);
    Digest digest = Digest.of(bytes);
    cache.put(layer.digest(), options.spanSize(), options.buildToolIdentifier(), digest, bytes);
    return summary(digest, bytes.length, ztoc, false);
  }

  private static BuiltZtoc summary(Digest digest, long size, Ztoc z, boolean existed) {
    boolean xattrs = false;
    boolean opaque = false;
    for (FileMetadata f : z.files()) {
      opaque |= f.name().endsWith(".wh..wh..opq");
      for (PaxRecord r : f.paxRecords()) {
        xattrs |= r.key().startsWith(PaxRecord.XATTR_PREFIX);
      }
    }
    return new BuiltZtoc(digest, size, xattrs, opaque, existed);
  }

  /** Reports bytes read for progress (at most every 256 KiB, and once at the end); commons-io counts them. */
  static final class ProgressStream extends ProxyInputStream {
    private final LongConsumer progress;
    private long count;
    private long reported;

    ProgressStream(InputStream in, LongConsumer progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    protected void afterRead(int n) {
      if (n > 0) {
        count += n;
      }
      if (count - reported >= (256 << 10) || (n < 0 && reported != count)) {
        reported = count;
        progress.accept(count);
      }
    }
  }
}
