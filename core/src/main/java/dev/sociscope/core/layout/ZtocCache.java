package dev.sociscope.core.layout;

import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.io.AtomicFiles;
import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The local store of built zTOCs and indexes: an OCI layout ({@code <dir>/store}) holding the blobs, plus one small
 * key file per (layer digest, span size, build tool) naming the zTOC built for it, so a second {@code create}
 * reuses zTOCs ("already exists") unless forced. Default folder: {@code ~/.cache/sociscope}.
 */
public final class ZtocCache {
  private final Path dir;
  private final OciLayout store;

  public ZtocCache(Path dir) throws IOException {
    this.dir = dir;
    this.store = OciLayout.openOrCreate(dir.resolve("store"));
    Files.createDirectories(dir.resolve("ztoc-keys"));
  }

  /** {@code $XDG_CACHE_HOME/sociscope}, else {@code ~/.cache/sociscope}. */
  public static Path defaultDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("sociscope");
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
      return store.hasBlob(d) ? Optional.of(d) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // a damaged key file is treated as absent
    }
  }

  /** Stores a zTOC blob and records it for the layer. */
  public void put(Digest layer, long spanSize, String buildTool, Digest ztocDigest, byte[] ztoc) throws IOException {
    store.putBlob(ztocDigest, BlobContent.ofBytes(ztoc));
    Path key = keyFile(layer, spanSize, buildTool);
    AtomicFiles.write(key, ztocDigest.toString().getBytes(StandardCharsets.UTF_8));
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
    return store.readBlob(ztocDigest);
  }

  public BlobContent content(Digest digest) throws IOException {
    return BlobContent.ofFile(store.blobPath(digest), 0, store.blobSize(digest));
  }
}
