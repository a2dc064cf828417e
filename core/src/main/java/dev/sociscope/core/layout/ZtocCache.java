package dev.sociscope.core.layout;

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
import java.util.stream.Stream;

/**
 * The local store of built zTOCs and indexes: an OCI layout ({@code <dir>/store}) holding the blobs, plus one small
 * key file per (layer digest, span size, build tool) naming the zTOC built for it, so a second {@code create}
 * reuses zTOCs ("already exists") unless forced. Default folder: {@code $XDG_CACHE_HOME/sociscope}.
 *
 * <p>The blobs are kept under a size limit ({@link #DEFAULT_LIMIT} unless given): after each {@link #put} the blobs
 * used least recently are removed until the store fits. A blob counts as used when it is stored, found or read (its
 * modification time is set then), so eviction needs no separate book. Key and index lines whose blob is gone are
 * treated as absent, so an evicted zTOC is simply built again.
 */
public final class ZtocCache {
  /** The size limit of the blob store when none is given: 2 GiB. */
  public static final long DEFAULT_LIMIT = 2L << 30;
  private static final String[] PARTS = {"store", "ztoc-keys", "indexes"};

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

  /** The most bytes the blob store keeps. */
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
  public synchronized void clear() throws IOException {
    for (String part : PARTS) {
      deleteTree(dir.resolve(part));
    }
    OciLayout.openOrCreate(dir.resolve("store"));
    Files.createDirectories(dir.resolve("ztoc-keys"));
  }

  /**
   * Removes the least recently used blobs until the blob store holds at most {@code maxBytes}.
   *
   * @return the bytes removed
   */
  public synchronized long trimTo(long maxBytes) throws IOException {
    Path blobs = store.root().resolve("blobs");
    if (!Files.isDirectory(blobs)) {
      return 0;
    }
    List<Path> files = storedFiles(blobs);
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
    try {
      Files.setLastModifiedTime(store.blobPath(d), FileTime.from(Instant.now()));
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

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
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

  public BlobContent content(Digest digest) throws IOException {
    touch(digest);
    return BlobContent.ofFile(store.blobPath(digest), 0, store.blobSize(digest));
  }
}
