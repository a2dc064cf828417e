package dev.sociscope.core.layout;

import dev.sociscope.core.io.FileTrees;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.io.AtomicFiles;
import dev.sociscope.core.io.BaseDirectories;
import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local store of built zTOCs and indexes: an OCI layout ({@code <dir>/store}) holding the blobs, plus one small
 * key file per (layer digest, span size, build tool) naming the zTOC built for it, so a second {@code create}
 * reuses zTOCs ("already exists") unless forced. Default folder: {@code $XDG_CACHE_HOME/sociscope}.
 *
 * <p>Next to each zTOC that was parsed, a lookup file ({@code <dir>/ztoc-lookup/<zTOC hex>}, see
 * {@link dev.sociscope.core.ztoc.lookup.LookupFile}) lets a read of one file find its entry and spans without
 * parsing the zTOC. It is made from the zTOC and can be made again, so it is stored like a blob and evicted like one.
 *
 * <p>The blobs and lookup files are kept under a size limit ({@link #DEFAULT_LIMIT} unless given): after each
 * {@link #put} and {@link #putLookup} those used least recently are removed until they fit. A file counts as used
 * when it is stored, found or read (its modification time is set then), so eviction needs no separate book. Key and index lines whose blob is gone are
 * treated as absent, so an evicted zTOC is simply built again.
 */
public final class ZtocCache {
  /** The size limit of the blob store when none is given: 2 GiB. */
  public static final long DEFAULT_LIMIT = 2L << 30;
  /** Lookup files of zTOCs, by zTOC digest: what one-path reads open instead of parsing the zTOC. */
  private static final String LOOKUPS = "ztoc-lookup";
  private static final String[] PARTS = {"store", "ztoc-keys", "indexes", LOOKUPS};

  private final Path dir;
  private final OciLayout store;
  private final long limit;

  public ZtocCache(Path dir) throws IOException {
    this(dir, DEFAULT_LIMIT);
  }

  /** @param limit the most bytes the blob store may hold; the least recently used blobs go first */
  public ZtocCache(Path dir, long limit) throws IOException {
    if (limit <= 0) {
      throw new IllegalArgumentException("cache limit must be positive: " + limit);
    }
    this.dir = dir;
    this.limit = limit;
    this.store = OciLayout.openOrCreate(dir.resolve("store"));
    Files.createDirectories(dir.resolve("ztoc-keys"));
  }

  /** The most bytes the blob store and the lookup files keep. */
  public long limit() {
    return limit;
  }

  /** What the cache holds on disk: bytes and files of its blobs, keys and index lists. */
  public record Usage(long bytes, long files) {}

  /** Walks the cache's folders; blocking. */
  public Usage usage() throws IOException {
    long bytes = 0;
    long files = 0;
    for (String part : PARTS) {
      Path p = dir.resolve(part);
      if (!Files.isDirectory(p)) {
        continue;
      }
      for (Path f : storedFiles(p)) {
        bytes += sizeOf(f);
        files++;
      }
    }
    return new Usage(bytes, files);
  }

  /** Removes every cached blob, key and index list (the next build fetches and indexes again). */
  public void clear() throws IOException {
    // A write a read left in the background would bring a file back; it is awaited before the lock is taken,
    // since it takes the lock itself (putLookup trims the cache).
    CacheWrites.await(java.time.Duration.ofSeconds(30));
    clearNow();
  }

  private synchronized void clearNow() throws IOException {
    for (String part : PARTS) {
      FileTrees.delete(dir.resolve(part));
    }
    OciLayout.openOrCreate(dir.resolve("store"));
    Files.createDirectories(dir.resolve("ztoc-keys"));
  }

  /**
   * Removes the least recently used blobs and lookup files until together they hold at most {@code maxBytes}.
   *
   * @return the bytes removed
   */
  public synchronized long trimTo(long maxBytes) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path part : List.of(store.root().resolve("blobs"), dir.resolve(LOOKUPS))) {
      if (Files.isDirectory(part)) {
        files.addAll(storedFiles(part));
      }
    }
    long total = 0;
    Map<Path, FileTime> used = new HashMap<>();
    for (Path f : files) {
      total += sizeOf(f);
      used.put(f, lastUsed(f));
    }
    if (total <= maxBytes) {
      return 0;
    }
    files.sort(Comparator.comparing(used::get));
    long removed = 0;
    for (Path f : files) {
      if (total - removed <= maxBytes) {
        break;
      }
      long size = sizeOf(f);
      if (Files.deleteIfExists(f)) {
        removed += size;
      }
    }
    return removed;
  }

  /**
   * The finished files below {@code root}. Builds run in parallel with a trim: a blob being written is a hidden
   * temporary file (renamed into place when whole), which is neither counted nor removed, and a file that goes away
   * during the walk is skipped rather than failing it.
   */
  private static List<Path> storedFiles(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && !f.getFileName().toString().startsWith(".")) {
          files.add(f);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }
    });
    return files;
  }

  private void touch(Digest d) {
    touch(store.blobPath(d));
  }

  private static void touch(Path f) {
    try {
      Files.setLastModifiedTime(f, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // only the eviction order suffers (e.g. a read-only cache); the blob itself is fine
    }
  }

  private static FileTime lastUsed(Path f) {
    try {
      return Files.getLastModifiedTime(f);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static long sizeOf(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return 0; // removed meanwhile
    }
  }

  /** {@code $XDG_CACHE_HOME/sociscope}, else {@code $HOME/.cache/sociscope} ({@link BaseDirectories}). */
  public static Path defaultDir() {
    return BaseDirectories.fromEnvironment().appCache();
  }

  public Path dir() {
    return dir;
  }

  /** The blob store (zTOCs, {@code {}}, index manifests). */
  public OciLayout store() {
    return store;
  }

  private Path keyFile(Digest layer, long spanSize, String buildTool) {
    String tool = Digest.of(buildTool.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 16);
    return dir.resolve("ztoc-keys").resolve(layer.hex() + "-" + spanSize + "-" + tool);
  }

  /** The zTOC built earlier for this layer and settings, when its blob is still there. */
  public Optional<Digest> find(Digest layer, long spanSize, String buildTool) throws IOException {
    Path key = keyFile(layer, spanSize, buildTool);
    if (!Files.exists(key)) {
      return Optional.empty();
    }
    try {
      Digest d = Digest.parse(Files.readString(key, StandardCharsets.UTF_8).trim());
      if (!store.hasBlob(d)) {
        return Optional.empty();
      }
      touch(d);
      return Optional.of(d);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // a damaged key file is treated as absent
    }
  }

  /** Stores a zTOC blob and records it for the layer. */
  public void put(Digest layer, long spanSize, String buildTool, Digest ztocDigest, byte[] ztoc) throws IOException {
    store.putBlob(ztocDigest, BlobContent.ofBytes(ztoc));
    Path key = keyFile(layer, spanSize, buildTool);
    AtomicFiles.write(key, ztocDigest.toString().getBytes(StandardCharsets.UTF_8));
    touch(ztocDigest);
    trimTo(limit);
  }

  /** Records that {@code index} was built for the image manifest {@code subject} (newest last). */
  public synchronized void recordIndex(Digest subject, Digest index) throws IOException {
    Path file = dir.resolve("indexes").resolve(subject.hex());
    Files.createDirectories(file.getParent());
    List<Digest> known = new ArrayList<>(indexesFor(subject));
    known.remove(index);
    known.add(index);
    StringBuilder sb = new StringBuilder();
    for (Digest d : known) {
      sb.append(d).append('\n');
    }
    AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The indexes built here for an image manifest whose manifests are still stored, oldest first. */
  public List<Digest> indexesFor(Digest subject) throws IOException {
    Path file = dir.resolve("indexes").resolve(subject.hex());
    List<Digest> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      try {
        Digest d = Digest.parse(line.trim());
        if (store.hasBlob(d)) {
          out.add(d);
        }
      } catch (IllegalArgumentException e) {
        // a damaged line is skipped
      }
    }
    return out;
  }

  public byte[] read(Digest ztocDigest) throws IOException {
    byte[] bytes = store.readBlob(ztocDigest);
    touch(ztocDigest);
    return bytes;
  }

  private Path lookupFile(Digest ztocDigest) {
    return dir.resolve(LOOKUPS).resolve(ztocDigest.hex());
  }

  /**
   * The bytes of the lookup file of a zTOC, when there is one (counted as a use); the caller checks them
   * ({@link dev.sociscope.core.ztoc.lookup.LookupFile#open}) and rebuilds a bad one.
   */
  public Optional<byte[]> readLookup(Digest ztocDigest) throws IOException {
    Path f = lookupFile(ztocDigest);
    try {
      byte[] bytes = Files.readAllBytes(f);
      touch(f);
      return Optional.of(bytes);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Stores (or replaces) the lookup file of a zTOC, atomically, and trims the cache to its limit. */
  public void putLookup(Digest ztocDigest, byte[] lookup) throws IOException {
    Path f = lookupFile(ztocDigest);
    Files.createDirectories(f.getParent());
    AtomicFiles.write(f, lookup);
    trimTo(limit);
  }

  /** Whether a lookup file is stored for this zTOC (not whether it is good). */
  public boolean hasLookup(Digest ztocDigest) {
    return Files.isRegularFile(lookupFile(ztocDigest));
  }

  /** Removes the lookup file of a zTOC (a bad one, before it is made again). */
  public void deleteLookup(Digest ztocDigest) throws IOException {
    Files.deleteIfExists(lookupFile(ztocDigest));
  }

  public BlobContent content(Digest digest) throws IOException {
    touch(digest);
    return BlobContent.ofFile(store.blobPath(digest), 0, store.blobSize(digest));
  }
}
