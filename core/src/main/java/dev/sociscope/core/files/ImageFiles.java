package dev.sociscope.core.files;

import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.image.PlatformManifest;
import dev.sociscope.core.io.Futures;
import dev.sociscope.core.io.SliceOutputStream;
import dev.sociscope.core.io.TempFiles;
import dev.sociscope.core.layout.CacheWrites;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.extract.ExtractStats;
import dev.sociscope.core.extract.LazyExtractor;
import dev.sociscope.core.extract.NotRegularFileException;
import dev.sociscope.core.extract.RangeRead;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.image.BlobRandomAccess;
import dev.sociscope.core.extract.SpanFetch;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.soci.SociIndex;
import dev.sociscope.core.soci.ZtocDescriptor;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.ZtocFormatException;
import dev.sociscope.core.ztoc.ZtocReader;
import dev.sociscope.core.ztoc.lookup.LookupFile;
import dev.sociscope.core.ztoc.lookup.LookupFileException;
import dev.sociscope.core.ztoc.lookup.LookupFileWriter;
import dev.sociscope.core.ztoc.lookup.NameLookup;
import dev.sociscope.core.ztoc.lookup.ZtocLookup;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files of one platform image, read remotely (spec 6): the tree comes from the zTOCs alone (merged bottom-up
 * with OCI whiteouts applied, or per layer), single files are read with range requests through the
 * {@link LazyExtractor} (span digests verified). Layers without a zTOC are streamed and their cost is reported.
 *
 * <p>Not thread-safe; one instance per task.
 */
public final class ImageFiles {

  private final ImageSource source;
  private final PlatformManifest manifest;
  private final SociIndex index;
  private final ZtocCache cache;
  private final List<Layer> layers = new ArrayList<>();
  private SpanFetch spanFetch = SpanFetch.TO_FILE_END;

  /** A layer of the image with its zTOC (when indexed) and entries (when known). */
  public static final class Layer {
    final int position;
    final Descriptor descriptor;
    final ZtocDescriptor ztocDescriptor;
    Ztoc ztoc;
    Zinfo zinfo;
    /** What one-path reads use: the parsed zTOC's lookup, or the cached lookup file when nothing was parsed. */
    ZtocLookup lookup;
    /** Set when the cached lookup file failed a check: not opened again, even where it could not be removed. */
    boolean lookupFileFailed;
    List<FileMetadata> entries;
    /** The entries of an unindexed layer by path, once listed. */
    NameLookup names;
    long scanCost;

    Layer(int position, Descriptor descriptor, ZtocDescriptor ztocDescriptor) {
      this.position = position;
      this.descriptor = descriptor;
      this.ztocDescriptor = ztocDescriptor;
    }

    public int position() {
      return position;
    }

    public Descriptor descriptor() {
      return descriptor;
    }

    public boolean indexed() {
      return ztocDescriptor != null;
    }

    /** The zTOC descriptor, or null. */
    public ZtocDescriptor ztocDescriptor() {
      return ztocDescriptor;
    }

    /** Compressed bytes streamed to list this unindexed layer (0 for indexed layers or before a scan). */
    public long scanCost() {
      return scanCost;
    }
  }

  /**
   * @param index the SOCI index to use; null to read every layer by streaming
   * @param cache where fetched zTOCs are kept (digest-addressed); may be null
   */
  public ImageFiles(ImageSource source, PlatformManifest manifest, SociIndex index, ZtocCache cache) {
    this.source = source;
    this.manifest = manifest;
    this.index = index;
    this.cache = cache;
    List<Descriptor> ls = manifest.manifest().manifest().layers();
    for (int i = 0; i < ls.size(); i++) {
      Descriptor d = ls.get(i);
      ZtocDescriptor z = index == null ? null : index.ztocFor(d.digest()).orElse(null);
      layers.add(new Layer(i, d, z));
    }
  }

  /**
   * How much of a file's last span lazy reads fetch: {@link SpanFetch#TO_FILE_END} (the default) or
   * {@link SpanFetch#WHOLE}, which also verifies the last span against its digest, as the upstream runtime does.
   */
  public ImageFiles spanFetch(SpanFetch mode) {
    this.spanFetch = java.util.Objects.requireNonNull(mode, "mode");
    return this;
  }

  public PlatformManifest manifest() {
    return manifest;
  }

  public List<Layer> layers() {
    return List.copyOf(layers);
  }

  /** The layer with this digest (a prefix of the hex part is accepted when unique). */
  public Layer layer(String digestOrPrefix) {
    String want = digestOrPrefix.startsWith("sha256:") ? digestOrPrefix.substring(7) : digestOrPrefix;
    Layer found = null;
    for (Layer l : layers) {
      if (l.descriptor.digest().hex().startsWith(want)) {
        if (found != null && !found.descriptor.digest().equals(l.descriptor.digest())) {
          throw new IllegalArgumentException("layer digest prefix '" + digestOrPrefix + "' is ambiguous");
        }
        found = l;
      }
    }
    if (found == null || want.isEmpty()) {
      throw new IllegalArgumentException("no layer " + digestOrPrefix + " in image manifest "
          + manifest.manifest().digest());
    }
    return found;
  }

  /** The zTOC of an indexed layer (fetched once, digest verified, kept in the cache). */
  public Ztoc ztoc(Layer layer) throws IOException {
    if (!layer.indexed()) {
      throw new IllegalArgumentException("layer " + layer.descriptor.digest() + " has no zTOC");
    }
    if (layer.ztoc == null) {
      Digest d = layer.ztocDescriptor.ztocDigest();
      byte[] bytes;
      if (cache != null && cache.store().hasBlob(d)) {
        bytes = cache.read(d);
      } else {
        // verified against d by the source's stream as it is read (ImageSource#openBlob), not hashed again here
        bytes = source.readBlob(layer.ztocDescriptor.descriptor(), dev.sociscope.core.image.BlobKind.ZTOC);
        if (cache != null) {
          byte[] fetched = bytes; // kept for the next read; this one does not wait for the disk
          CacheWrites.later(() -> cache.store().putBlob(d, BlobContent.ofBytes(fetched)));
        }
      }
      try {
        ZtocReader.Parsed parsed = ZtocReader.readWithZinfo(bytes);
        layer.ztoc = parsed.ztoc();
        layer.zinfo = parsed.zinfo();
        layer.lookup = ZtocLookup.of(parsed.ztoc(), parsed.zinfo());
      } catch (ZtocFormatException e) {
        throw new IOException("zTOC " + d + " of layer " + layer.descriptor.digest() + " is unreadable: "
            + e.getMessage(), e);
      }
      storeLookup(d, layer.ztoc);
    }
    return layer.ztoc;
  }

  /**
   * Keeps the lookup file of a zTOC just parsed, so the next read of one file of its layer parses nothing. It is
   * made and written in the background ({@link CacheWrites}): this read has the parsed zTOC already.
   */
  private void storeLookup(Digest d, Ztoc ztoc) {
    if (cache == null || cache.hasLookup(d)) { // a failed one was removed, unless the cache is read-only
      return;
    }
    CacheWrites.later(() -> {
      try {
        cache.putLookup(d, LookupFileWriter.write(d, ztoc));
      } catch (IllegalArgumentException e) {
        // a zTOC it cannot represent: reads of this layer parse the zTOC
      }
    });
  }

  /**
   * What reading one file of an indexed layer needs from its zTOC: the parsed zTOC when it was parsed already, else
   * its lookup file from the cache (nothing parsed), else the zTOC, parsed now (which stores the lookup file). A
   * lookup file that does not check out is removed and made again.
   */
  private ZtocLookup lookup(Layer layer) throws IOException {
    if (layer.lookup == null && cache != null && !layer.lookupFileFailed) {
      Digest d = layer.ztocDescriptor.ztocDigest();
      try {
        Optional<byte[]> stored = cache.readLookup(d);
        if (stored.isPresent()) {
          layer.lookup = LookupFile.open(stored.get(), d);
        }
      } catch (LookupFileException | IOException e) {
        layer.lookupFileFailed = true;
        dropLookup(d); // made again from the zTOC below
      }
    }
    if (layer.lookup == null) {
      ztoc(layer);
    }
    return layer.lookup;
  }

  private void dropLookup(Digest d) {
    try {
      cache.deleteLookup(d);
    } catch (IOException e) {
      // then it stays unused: the parsed zTOC answers, as without a cache
    }
  }

  /** The entries of a layer by path for one-path lookups; an unindexed layer is listed by streaming it. */
  private NameLookup names(Layer layer) throws IOException {
    if (layer.indexed()) {
      return lookup(layer);
    }
    if (layer.names == null) {
      layer.names = NameLookup.of(entries(layer, true).orElseThrow());
    }
    return layer.names;
  }

  /**
   * The tar entries of a layer: from its zTOC, or, when {@code scan} is true, by streaming an unindexed layer
   * (its cost is kept in {@link Layer#scanCost()}). Empty for unindexed layers without {@code scan}.
   */
  public Optional<List<FileMetadata>> entries(Layer layer, boolean scan) throws IOException {
    if (layer.entries != null) {
      return Optional.of(layer.entries);
    }
    if (layer.indexed()) {
      layer.entries = ztoc(layer).files();
    } else if (scan) {
      layer.entries = LayerStreams.scan(source, layer);
    }
    return Optional.ofNullable(layer.entries);
  }

  /**
   * The merged file tree: layers applied bottom-up, a layer's whiteouts removing lower-layer paths before its own
   * entries are added, parents without entries synthesised. Unindexed layers are included only with {@code scan}.
   *
   * @return path to entry, sorted by path; the root is not included
   */
  public ImageTree tree(boolean scan) throws IOException {
    ImageTree tree = new ImageTree();
    for (Layer layer : layers) {
      Optional<List<FileMetadata>> entries = entries(layer, scan);
      if (entries.isPresent()) {
        OverlayTree.apply(tree, entries.get(), layer.position, layer.descriptor.digest());
      }
    }
    return tree;
  }

  /** The entries of one layer as stored (whiteout files included), cleaned paths, later duplicates winning. */
  public ImageTree layerTree(Layer layer, boolean scan) throws IOException {
    Optional<List<FileMetadata>> entries = entries(layer, scan);
    return entries.isEmpty() ? new ImageTree()
        : OverlayTree.layerTree(entries.get(), layer.position, layer.descriptor.digest());
  }

  /**
   * What {@code ls PATH} shows: the children of a directory, or the entry itself for anything else.
   *
   * @throws FileNotFoundException when the path does not exist in the tree
   */
  public static List<FileEntry> list(TreeMap<String, FileEntry> tree, String path) throws FileNotFoundException {
    return OverlayTree.list(tree, path);
  }

  /**
   * What {@code ls -R PATH} shows: {@code PATH} and everything below it in path order, implicit directories
   * included, handed to {@code sink} one at a time (nothing is collected: a path thousands of levels deep costs
   * memory linear in its length).
   *
   * @throws FileNotFoundException when the path does not exist in the tree
   */
  public static void walk(TreeMap<String, FileEntry> tree, String path, java.util.function.Consumer<FileEntry> sink)
      throws FileNotFoundException {
    OverlayTree.walk(tree, path, sink);
  }

  /**
   * Reads one file: looks for it top-down (whiteouts and opaque directories of upper layers hide it), then reads it
   * lazily from an indexed layer or by streaming an unindexed one.
   */
  public ReadStats read(String path, OutputStream out) throws IOException {
    return read(path, out, false);
  }

  /**
   * Like {@link #read(String, OutputStream)}; with {@code followSymlinks} a symlink is resolved (relative to its
   * directory, absolute targets from the image root, never above the root; at most 40 links), possibly into another
   * layer.
   */
  public ReadStats read(String path, OutputStream out, boolean followSymlinks) throws IOException {
    return readOne(resolveLinks(path, followSymlinks), out, null);
  }

  /**
   * Reads bytes {@code [from, from + length)} of {@code path} (cut to the file's end; symlinks followed): from an
   * indexed layer only the spans holding those bytes are fetched, so a preview of a large file costs its first
   * screenful. {@link ReadStats#fileSize()} is the whole file's size.
   */
  public ReadStats readRange(String path, long from, long length, OutputStream out) throws IOException {
    if (from < 0 || length < 0) {
      throw new IllegalArgumentException("bad byte range " + from + "+" + length);
    }
    return readOne(resolveLinks(path, true), out, new long[] {from, length});
  }

  private String resolveLinks(String path, boolean followSymlinks) throws IOException {
    String p = path;
    for (int hops = 0; followSymlinks; hops++) {
      Optional<FileMetadata> link = findTopmost(LazyExtractor.normalize(p));
      if (link.isEmpty() || link.get().type() != EntryType.SYMLINK) {
        break;
      }
      if (hops >= 40) {
        throw new IOException("'" + path + "': too many levels of symbolic links");
      }
      String target = link.get().linkname();
      String dir = OverlayTree.parentOf(LazyExtractor.normalize(p));
      p = target.startsWith("/") ? target : OverlayTree.join(dir, target); // normalize() keeps '..' inside the root
    }
    return p;
  }

  /** The entry a path resolves to in the merged view (whiteouts applied), scanning unindexed layers as needed. */
  private Optional<FileMetadata> findTopmost(String p) throws IOException {
    return againWithoutBadLookupFiles(() -> locate(p, null, new long[1]).map(Located::entry));
  }

  /**
   * Runs {@code step}; when a lookup file turns out bad on the way ({@link LookupFileException}, thrown while finding
   * entries and spans, before any output), drops the lookup files and runs it again from the parsed zTOCs.
   */
  private <T> T againWithoutBadLookupFiles(Futures.IoCall<T> step) throws IOException {
    try {
      return step.call();
    } catch (LookupFileException e) {
      dropLookupFiles();
      return step.call();
    }
  }

  /**
   * Stops using the lookup files opened so far and removes them (they are made again from the zTOCs): one of them
   * held a record or span data that does not check out, which shows only when it is read.
   */
  private void dropLookupFiles() {
    for (Layer layer : layers) {
      if (layer.lookup instanceof LookupFile) {
        layer.lookup = null;
        layer.lookupFileFailed = true;
        dropLookup(layer.ztocDescriptor.ztocDigest());
      }
    }
  }

  /** A path's entry in the merged view and the layer it comes from. */
  private record Located(Layer layer, FileMetadata entry) {}

  /**
   * The entry the merged tree ({@link #tree}) has at the cleaned path {@code p}, found top-down: a layer is opened
   * only when the layers above it leave the path open ({@link TopDownLookup}). Unindexed layers are listed by
   * streaming them; with {@code captured}, that pass also copies {@code p}'s data (layer to temporary file, the
   * caller deletes them) so that reading it needs no second pass, and its cost is added to {@code scanned[0]}.
   */
  private Optional<Located> locate(String p, Map<Layer, Path> captured, long[] scanned) throws IOException {
    if (!TopDownLookup.mayExist(p)) {
      return Optional.empty();
    }
    for (int i = layers.size() - 1; i >= 0; i--) {
      Layer layer = layers.get(i);
      if (captured != null && layer.entries == null && !layer.indexed()) {
        captured.put(layer, LayerStreams.scanCapturing(source, layer, p));
        scanned[0] += layer.scanCost;
      }
      TopDownLookup.Verdict v = TopDownLookup.verdict(names(layer), p);
      if (v.decided()) {
        return v.entry() == null ? Optional.empty() : Optional.of(new Located(layer, v.entry().metadata()));
      }
    }
    return Optional.empty();
  }

  /** @param window {from, length} of a ranged read, or null for the whole file */
  private ReadStats readOne(String path, OutputStream out, long[] window) throws IOException {
    return againWithoutBadLookupFiles(() -> readOnce(path, out, window));
  }

  private ReadStats readOnce(String path, OutputStream out, long[] window) throws IOException {
    long started = System.nanoTime();
    String p = LazyExtractor.normalize(path);
    if (p.isEmpty()) {
      throw new NotRegularFileException("'" + path + "' is the root directory, not a regular file");
    }
    Map<Layer, Path> captured = new HashMap<>(); // one pass lists an unindexed layer and keeps the file's last copy
    long[] scanned = {0};
    try {
      Located hit = locate(p, captured, scanned).orElseThrow(
          () -> new FileNotFoundException("'" + path + "' does not exist in the image"));
      return readFromLayer(hit.layer(), hit.entry(), p, captured.get(hit.layer()), out, started, scanned[0],
          window);
    } finally {
      for (Path f : captured.values()) {
        TempFiles.delete(f);
      }
    }
  }

  /** Reads the entry {@code found} of this layer. */
  private ReadStats readFromLayer(Layer layer, FileMetadata found, String p, Path captured, OutputStream out,
      long started, long scanned, long[] window) throws IOException {
    if (layer.indexed()) {
      return readLazily(layer, found, p, out, started, scanned, window);
    }
    if (window != null) {
      out = new SliceOutputStream(out, window[0], window[1]); // streamed anyway: keep only the window
    }
    if (captured != null && found.type() == EntryType.REG && Files.size(captured) == found.uncompressedSize()) {
      Files.copy(captured, out);
      return new ReadStats(p, layer.descriptor.digest(), false, found.uncompressedSize(), scanned, 1, -1, -1, 0,
          layer.descriptor.size(), 0, Duration.ofNanos(System.nanoTime() - started), found.mode());
    }
    return LayerStreams.read(source, layer, entries(layer, true).orElseThrow(), found, p, out, started, scanned);
  }

  private ReadStats readLazily(Layer layer, FileMetadata entry, String p, OutputStream out, long started,
      long scanned, long[] window) throws IOException {
    ZtocLookup toc = lookup(layer);
    BlobRandomAccess blob = BlobRandomAccess.of(source, layer.descriptor.digest(), layer.descriptor.size());
    LazyExtractor extractor;
    try {
      extractor = new LazyExtractor(toc, blob, spanFetch);
    } catch (ZtocFormatException e) {
      throw new IOException("zTOC of layer " + layer.descriptor.digest() + ": " + e.getMessage(), e);
    }
    ExtractStats s = window == null ? extractor.extract(entry, out)
        : RangeRead.extract(extractor, entry, window[0], window[1], out);
    FileMetadata data = extractor.resolve(entry);
    long estimate = window == null
        ? compressedShare(toc.zinfo(), s, data.uncompressedOffset(), data.uncompressedSize())
        : compressedShare(toc.zinfo(), s, data.uncompressedOffset() + Math.min(window[0], data.uncompressedSize()),
            s.bytesWritten());
    long fileSize = window == null ? s.bytesWritten() : data.uncompressedSize();
    long spanSize = layer.ztocDescriptor.spanSize();
    return new ReadStats(p, layer.descriptor.digest(), true, fileSize, blob.bytesFetched() + scanned,
        (int) blob.requests(), s.firstSpan(), s.lastSpan(), spanSize, layer.descriptor.size(),
        estimate, Duration.ofNanos(System.nanoTime() - started), data.mode(), s.wholeSpanBytes() + scanned,
        s.allVerified(), blob.rangeIgnored(), s.startedInsideSpan());
  }

  /**
   * The compressed bytes that hold {@code [offset, offset + size)}: per span, the span's compressed length times the
   * share of its uncompressed range the file covers (exact at span level; spans compress unevenly).
   */
  static long compressedShare(Zinfo zinfo, ExtractStats s, long offset, long size) {
    if (s.firstSpan() < 0) {
      return 0;
    }
    double total = 0;
    for (int i = s.firstSpan(); i <= s.lastSpan(); i++) {
      long us = zinfo.uncompressedStart(i);
      long ue = zinfo.uncompressedEnd(i);
      long overlap = Math.max(0, Math.min(ue, offset + size) - Math.max(us, offset));
      if (ue > us) {
        total += (double) (zinfo.compressedEnd(i) - zinfo.compressedStart(i)) * overlap / (ue - us);
      }
    }
    return Math.round(total);
  }
}
