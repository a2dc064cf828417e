package dev.sociscope.core.files;

import dev.sociscope.core.error.CorruptInputException;
import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.image.PlatformManifest;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.extract.ExtractStats;
import dev.sociscope.core.extract.LazyExtractor;
import dev.sociscope.core.extract.NotRegularFileException;
import dev.sociscope.core.gzip.GzipInflater;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.image.BlobRandomAccess;
import dev.sociscope.core.extract.RandomAccessSource;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.io.ChunkInputStream;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.soci.SociIndex;
import dev.sociscope.core.soci.ZtocDescriptor;
import dev.sociscope.core.tar.TarEntry;
import dev.sociscope.core.tar.TarReader;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.ZtocFormatException;
import dev.sociscope.core.ztoc.ZtocReader;
import java.io.BufferedInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  private final ImageSource source;
  private final PlatformManifest manifest;
  private final SociIndex index;
  private final ZtocCache cache;
  private final List<Layer> layers = new ArrayList<>();

  /** A layer of the image with its zTOC (when indexed) and entries (when known). */
  public static final class Layer {
    private final int position;
    private final Descriptor descriptor;
    private final ZtocDescriptor ztocDescriptor;
    private Ztoc ztoc;
    private Zinfo zinfo;
    private List<FileMetadata> entries;
    private long scanCost;

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
        bytes = source.readBlob(d);
        if (!Digest.of(bytes).equals(d)) {
          throw new IOException("zTOC " + d + " does not match its digest");
        }
        if (cache != null) {
          cache.store().putBlob(d, BlobContent.ofBytes(bytes));
        }
      }
      try {
        ZtocReader.Parsed parsed = ZtocReader.readWithZinfo(bytes);
        layer.ztoc = parsed.ztoc();
        layer.zinfo = parsed.zinfo();
      } catch (ZtocFormatException e) {
        throw new IOException("zTOC " + d + " of layer " + layer.descriptor.digest() + " is unreadable: "
            + e.getMessage(), e);
      }
    }
    return layer.ztoc;
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
      layer.entries = scanLayer(layer);
    }
    return Optional.ofNullable(layer.entries);
  }

  private List<FileMetadata> scanLayer(Layer layer) throws IOException {
    try {
      return scanLayerUnchecked(layer);
    } catch (dev.sociscope.core.registry.RegistryException | dev.sociscope.core.error.CancelledException e) {
      throw e;
    } catch (IOException e) {
      throw SociscopeException.wrap("layer " + layer.descriptor.digest() + " (" + layer.descriptor.mediaType() + ")", e);
    }
  }

  private List<FileMetadata> scanLayerUnchecked(Layer layer) throws IOException {
    try (InputStream raw = source.openBlob(layer.descriptor.digest());
        BoundedInputStream counted = BoundedInputStream.builder().setInputStream(raw).get()) {
      List<FileMetadata> out = new ArrayList<>();
      TarReader reader = new TarReader(decompressed(counted));
      for (TarEntry e = reader.next(); e != null; e = reader.next()) {
        out.add(e.metadata());
      }
      counted.transferTo(OutputStream.nullOutputStream()); // verify the blob digest
      layer.scanCost = counted.getCount();
      return out;
    }
  }

  private static InputStream decompressed(InputStream in) throws IOException {
    BufferedInputStream peek = new BufferedInputStream(in, 1 << 16);
    peek.mark(4);
    byte[] magic = peek.readNBytes(4);
    peek.reset();
    if (magic.length == 4 && (magic[0] & 0xFF) == 0x28 && (magic[1] & 0xFF) == 0xB5 && (magic[2] & 0xFF) == 0x2F
        && (magic[3] & 0xFF) == 0xFD) {
      throw new IOException("the layer is zstd-compressed; only gzip and plain tar layers can be read");
    }
    return magic.length >= 2 && (magic[0] & 0xFF) == 0x1f && (magic[1] & 0xFF) == 0x8b ? GzipInflater.gzip(peek)
        : peek;
  }

  /**
   * The merged file tree: layers applied bottom-up, a layer's whiteouts removing lower-layer paths before its own
   * entries are added, parents without entries synthesised. Unindexed layers are included only with {@code scan}.
   *
   * @return path to entry, sorted by path; the root is not included
   */
  public TreeMap<String, FileEntry> tree(boolean scan) throws IOException {
    TreeMap<String, FileEntry> tree = new TreeMap<>();
    for (Layer layer : layers) {
      Optional<List<FileMetadata>> entries = entries(layer, scan);
      if (entries.isEmpty()) {
        continue;
      }
      for (FileMetadata f : entries.get()) { // whiteouts hide lower layers only
        String path = LazyExtractor.normalize(f.name());
        String base = baseName(path);
        String parent = parentOf(path);
        if (base.equals(OPAQUE)) {
          removeChildren(tree, parent);
        } else if (base.startsWith(WHITEOUT)) {
          String victim = join(parent, base.substring(WHITEOUT.length()));
          tree.remove(victim);
          removeChildren(tree, victim);
        }
      }
      for (FileMetadata f : entries.get()) {
        String path = LazyExtractor.normalize(f.name());
        if (path.isEmpty() || baseName(path).startsWith(WHITEOUT)) {
          continue;
        }
        FileEntry old = tree.get(path);
        if (old != null && old.isDirectory() && f.type() != EntryType.DIR) {
          removeChildren(tree, path); // a file replacing a directory hides its contents
        }
        tree.put(path, new FileEntry(path, f, layer.position, layer.descriptor.digest()));
        addParents(tree, path);
      }
    }
    return tree;
  }

  /** The entries of one layer as stored (whiteout files included), cleaned paths, later duplicates winning. */
  public TreeMap<String, FileEntry> layerTree(Layer layer, boolean scan) throws IOException {
    TreeMap<String, FileEntry> tree = new TreeMap<>();
    Optional<List<FileMetadata>> entries = entries(layer, scan);
    if (entries.isEmpty()) {
      return tree;
    }
    for (FileMetadata f : entries.get()) {
      String path = LazyExtractor.normalize(f.name());
      if (!path.isEmpty()) {
        tree.put(path, new FileEntry(path, f, layer.position, layer.descriptor.digest()));
        addParents(tree, path);
      }
    }
    return tree;
  }

  /**
   * What {@code ls PATH} shows: the children of a directory, or the entry itself for anything else.
   *
   * @throws FileNotFoundException when the path does not exist in the tree
   */
  public static List<FileEntry> list(TreeMap<String, FileEntry> tree, String path) throws FileNotFoundException {
    String p = LazyExtractor.normalize(path);
    if (!p.isEmpty()) {
      FileEntry e = tree.get(p);
      if (e == null) {
        throw new FileNotFoundException("'" + path + "' does not exist in the image");
      }
      if (!e.isDirectory()) {
        return List.of(e);
      }
    }
    List<FileEntry> out = new ArrayList<>();
    String prefix = p.isEmpty() ? "" : p + "/";
    for (Map.Entry<String, FileEntry> e : tree.tailMap(prefix, true).entrySet()) {
      String k = e.getKey();
      if (!k.startsWith(prefix)) {
        break;
      }
      if (!k.equals(p) && k.indexOf('/', prefix.length()) < 0) {
        out.add(e.getValue());
      }
    }
    return out;
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
      String dir = parentOf(LazyExtractor.normalize(p));
      p = target.startsWith("/") ? target : join(dir, target); // normalize() keeps '..' inside the root
    }
    return readOne(p, out);
  }

  /** The entry a path resolves to in the merged view (whiteouts applied), scanning unindexed layers as needed. */
  private Optional<FileMetadata> findTopmost(String p) throws IOException {
    for (int i = layers.size() - 1; i >= 0; i--) {
      List<FileMetadata> entries = entries(layers.get(i), true).orElseThrow();
      FileMetadata found = null;
      boolean hidden = false;
      for (FileMetadata f : entries) {
        String name = LazyExtractor.normalize(f.name());
        if (name.equals(p)) {
          found = f;
        } else if (hides(name, p)) {
          hidden = true;
        }
      }
      if (found != null) {
        return Optional.of(found);
      }
      if (hidden) {
        break;
      }
    }
    return Optional.empty();
  }

  private ReadStats readOne(String path, OutputStream out) throws IOException {
    long started = System.nanoTime();
    String p = LazyExtractor.normalize(path);
    if (p.isEmpty()) {
      throw new NotRegularFileException("'" + path + "' is the root directory, not a regular file");
    }
    long scanned = 0;
    for (int i = layers.size() - 1; i >= 0; i--) {
      Layer layer = layers.get(i);
      Path captured = null;
      if (layer.entries == null && !layer.indexed()) {
        captured = scanCapturing(layer, p); // one pass lists the layer and keeps the file's last copy
        scanned += layer.scanCost;
      }
      try {
        ReadStats done = readFromLayer(layer, p, captured, out, started, scanned);
        if (done != null) {
          return done;
        }
        if (hiddenBelow(layer, p)) {
          break;
        }
      } finally {
        if (captured != null) {
          Files.deleteIfExists(captured);
        }
      }
    }
    throw new FileNotFoundException("'" + path + "' does not exist in the image");
  }

  private boolean hiddenBelow(Layer layer, String p) throws IOException {
    for (FileMetadata f : entries(layer, true).orElseThrow()) {
      String name = LazyExtractor.normalize(f.name());
      if (!name.equals(p) && hides(name, p)) {
        return true;
      }
    }
    return false;
  }

  /** Reads {@code p} from this layer when it has it; null when it does not. */
  private ReadStats readFromLayer(Layer layer, String p, Path captured, OutputStream out, long started,
      long scanned) throws IOException {
    List<FileMetadata> entries = entries(layer, true).orElseThrow();
    FileMetadata found = null;
    for (FileMetadata f : entries) {
      if (LazyExtractor.normalize(f.name()).equals(p)) {
        found = f;
      }
    }
    if (found == null) {
      return null;
    }
    if (layer.indexed()) {
      return readLazily(layer, found, p, out, started, scanned);
    }
    if (captured != null && found.type() == EntryType.REG && Files.size(captured) == found.uncompressedSize()) {
      Files.copy(captured, out);
      return new ReadStats(p, layer.descriptor.digest(), false, found.uncompressedSize(), scanned, 1, -1, -1, 0,
          layer.descriptor.size(), 0, Duration.ofNanos(System.nanoTime() - started));
    }
    return readStreaming(layer, entries, found, p, out, started, scanned);
  }

  /**
   * Streams an unindexed layer once: lists its entries (as {@link #entries} with scan would) and copies the data of
   * the last regular entry named {@code p} into a temporary file. Returns that file (empty when none matched).
   */
  private Path scanCapturing(Layer layer, String p) throws IOException {
    Path tmp = Files.createTempFile("sociscope-read-", ".part");
    try (InputStream raw = source.openBlob(layer.descriptor.digest());
        BoundedInputStream counted = BoundedInputStream.builder().setInputStream(raw).get()) {
      CapturingStream tar = new CapturingStream(decompressed(counted));
      List<FileMetadata> out = new ArrayList<>();
      TarReader reader = new TarReader(tar);
      for (TarEntry e = reader.next(); e != null; e = reader.next()) {
        FileMetadata f = e.metadata();
        out.add(f);
        if (f.type() == EntryType.REG && LazyExtractor.normalize(f.name()).equals(p)) {
          tar.capture(f.uncompressedOffset(), f.uncompressedSize(), tmp); // filled as the reader moves on
        }
      }
      tar.finishCapture();
      counted.transferTo(OutputStream.nullOutputStream()); // verify the blob digest
      layer.entries = out;
      layer.scanCost = counted.getCount();
      return tmp;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      if (e instanceof dev.sociscope.core.registry.RegistryException) {
        throw e;
      }
      throw SociscopeException.wrap("layer " + layer.descriptor.digest() + " (" + layer.descriptor.mediaType() + ")", e);
    }
  }

  /** Passes a tar stream through, copying one byte range of it to a file; skips read, so nothing is missed. */
  private static final class CapturingStream extends ChunkInputStream {
    private final InputStream in;
    private long pos;
    private long start = -1;
    private long end = -1;
    private OutputStream sink;

    CapturingStream(InputStream in) {
      this.in = in;
    }

    void capture(long from, long length, Path file) throws IOException {
      finishCapture();
      start = from;
      end = from + length;
      sink = Files.newOutputStream(file); // truncates: a later entry of the same name replaces the earlier one
      if (length == 0) {
        finishCapture();
      }
    }

    void finishCapture() throws IOException {
      if (sink != null) {
        sink.close();
        sink = null;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        if (sink != null) {
          long from = Math.max(pos, start);
          long to = Math.min(pos + n, end);
          if (to > from) {
            sink.write(b, off + (int) (from - pos), (int) (to - from));
          }
          if (pos + n >= end) {
            finishCapture();
          }
        }
        pos += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
      int r = read(buf, 0, buf.length);
      return Math.max(r, 0);
    }
  }

  /** Whether the entry {@code name} (a whiteout or opaque marker) hides {@code path} of lower layers. */
  private static boolean hides(String name, String path) {
    String base = baseName(name);
    String parent = parentOf(name);
    if (base.equals(OPAQUE)) {
      return parent.isEmpty() || path.startsWith(parent + "/");
    }
    if (base.startsWith(WHITEOUT)) {
      String victim = join(parent, base.substring(WHITEOUT.length()));
      return path.equals(victim) || path.startsWith(victim + "/");
    }
    return false;
  }

  private ReadStats readLazily(Layer layer, FileMetadata entry, String p, OutputStream out, long started,
      long scanned) throws IOException {
    Ztoc z = ztoc(layer);
    BlobRandomAccess blob = BlobRandomAccess.of(source, layer.descriptor.digest(), layer.descriptor.size());
    int[] requests = {0};
    RandomAccessSource ranges = new RandomAccessSource() { // counts the range requests for the statistics
      @Override
      public long size() throws IOException {
        return blob.size();
      }

      @Override
      public byte[] read(long offset, int length) throws IOException {
        requests[0]++;
        return blob.read(offset, length);
      }
    };
    LazyExtractor extractor;
    try {
      extractor = new LazyExtractor(z, ranges);
    } catch (ZtocFormatException e) {
      throw new IOException("zTOC of layer " + layer.descriptor.digest() + ": " + e.getMessage(), e);
    }
    ExtractStats s = extractor.extract(entry, out);
    FileMetadata data = extractor.resolve(entry);
    long estimate = compressedShare(layer.zinfo, s, data.uncompressedOffset(), data.uncompressedSize());
    long spanSize = layer.ztocDescriptor.spanSize();
    return new ReadStats(p, layer.descriptor.digest(), true, s.bytesWritten(), blob.bytesFetched() + scanned,
        requests[0], s.firstSpan(), s.lastSpan(), spanSize, layer.descriptor.size(),
        estimate, Duration.ofNanos(System.nanoTime() - started));
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

  private ReadStats readStreaming(Layer layer, List<FileMetadata> entries, FileMetadata entry, String p,
      OutputStream out, long started, long scanned) throws IOException {
    FileMetadata data = entry;
    for (int hops = 0; data.type() == EntryType.HARDLINK; hops++) {
      String target = LazyExtractor.normalize(data.linkname());
      FileMetadata next = null;
      for (FileMetadata f : entries) {
        if (f.uncompressedOffset() >= data.uncompressedOffset()) {
          break;
        }
        if (LazyExtractor.normalize(f.name()).equals(target)) {
          next = f;
        }
      }
      if (next == null || hops > 64) {
        throw new IOException("hardlink '" + data.name() + "' points to '" + data.linkname()
            + "', which is not in this layer");
      }
      data = next;
    }
    if (data.type() != EntryType.REG) {
      throw new NotRegularFileException("'" + data.name() + "' is a " + data.type().wireName()
          + (data.type() == EntryType.SYMLINK ? " to '" + data.linkname() + "'" : "") + ", not a regular file");
    }
    long fetched;
    try (InputStream raw = source.openBlob(layer.descriptor.digest());
        BoundedInputStream counted = BoundedInputStream.builder().setInputStream(raw).get()) {
      InputStream tar = decompressed(counted);
      tar.skipNBytes(data.uncompressedOffset());
      long left = data.uncompressedSize();
      byte[] buf = new byte[1 << 16];
      while (left > 0) {
        int n = tar.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          throw new CorruptInputException("layer " + layer.descriptor.digest() + " ends inside '" + data.name() + "'");
        }
        out.write(buf, 0, n);
        left -= n;
      }
      fetched = counted.getCount();
    }
    return new ReadStats(p, layer.descriptor.digest(), false, data.uncompressedSize(), fetched + scanned, 2, -1,
        -1, 0, layer.descriptor.size(), 0, Duration.ofNanos(System.nanoTime() - started));
  }

  private static void removeChildren(TreeMap<String, FileEntry> tree, String dir) {
    if (dir.isEmpty()) {
      tree.clear();
      return;
    }
    tree.subMap(dir + "/", true, dir + "0", false).clear(); // '0' follows '/' in UTF-16 order
  }

  private static void addParents(TreeMap<String, FileEntry> tree, String path) {
    String parent = parentOf(path);
    while (!parent.isEmpty() && !tree.containsKey(parent)) {
      FileMetadata dir = new FileMetadata(parent + "/", EntryType.DIR, 0, 0, "", 040755, 0, 0, "", "", "", 0, 0,
          List.of());
      tree.put(parent, new FileEntry(parent, dir, -1, null));
      parent = parentOf(parent);
    }
  }

  private static String baseName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  private static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }
}
