package dev.sociscope.core.workflow;

import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.image.BoundedInputStream;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.image.ImageTarget;
import dev.sociscope.core.image.PushedManifest;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ImageIndex;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciFormatException;
import dev.sociscope.core.oci.OciJson;
import dev.sociscope.core.registry.DigestMismatchException;
import dev.sociscope.core.registry.NotFoundException;
import dev.sociscope.core.registry.RegistryException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An OCI image layout folder (spec 8.1) as a source and a target: blobs under {@code blobs/sha256/}, names in
 * {@code index.json} ({@code org.opencontainers.image.ref.name}). Tags work as in a registry, so the SOCI fallback
 * tag {@code sha256-<hex>} is simply one more named entry of {@code index.json}.
 *
 * <p>Everything read is verified against its digest; everything written goes to a temporary file first and is then
 * moved into place, so an interrupted write never leaves a half blob or a half {@code index.json}.
 */
public final class LayoutStore implements ImageSource, ImageTarget {
  public static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final int MAX_MANIFEST_BYTES = 16 << 20;

  private final Path root;

  private LayoutStore(Path root) {
    this.root = root;
  }

  /** Opens an existing layout. */
  public static LayoutStore open(Path root) throws IOException {
    if (!Files.isRegularFile(root.resolve("oci-layout"))) {
      throw new NotFoundException("'" + root + "' is not an OCI image layout (no oci-layout file)");
    }
    return new LayoutStore(root);
  }

  /** Opens a layout, creating an empty one when the folder does not hold one yet. */
  public static LayoutStore openOrCreate(Path root) throws IOException {
    Files.createDirectories(root.resolve("blobs/sha256"));
    if (!Files.exists(root.resolve("oci-layout"))) {
      writeAtomically(root.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    }
    if (!Files.exists(root.resolve("index.json"))) {
      writeAtomically(root.resolve("index.json"), OciJson.write(ImageIndex.of(List.of())));
    }
    return new LayoutStore(root);
  }

  public Path root() {
    return root;
  }

  @Override
  public String describe() {
    return "oci:" + root;
  }

  Path blobPath(Digest digest) {
    return root.resolve("blobs").resolve(Digest.ALGORITHM).resolve(digest.hex());
  }

  /** The layout's {@code index.json}. */
  public ImageIndex index() throws IOException {
    Path file = root.resolve("index.json");
    if (!Files.exists(file)) {
      return ImageIndex.of(List.of());
    }
    try {
      return OciJson.parseIndex(Files.readAllBytes(file));
    } catch (OciFormatException e) {
      throw new RegistryException("index.json of " + describe() + " is not a valid image index: " + e.getMessage(), e);
    }
  }

  @Override
  public OciDocument manifest(String reference) throws IOException {
    Descriptor entry = null;
    Digest digest;
    if (reference.startsWith(Digest.ALGORITHM + ":")) {
      try {
        digest = Digest.parse(reference);
      } catch (IllegalArgumentException e) {
        throw new RegistryException("'" + reference + "' is not a sha256 digest");
      }
    } else {
      entry = namedEntry(reference).orElseThrow(() -> new NotFoundException(
          "Manifest " + describe() + ":" + reference + " is not in index.json"));
      digest = entry.digest();
    }
    if (!Files.exists(blobPath(digest))) {
      throw new NotFoundException("Manifest " + describe() + "@" + digest + " is not in the layout");
    }
    if (Files.size(blobPath(digest)) > MAX_MANIFEST_BYTES) {
      throw new RegistryException("Manifest " + describe() + "@" + digest + " is larger than " + MAX_MANIFEST_BYTES);
    }
    byte[] bytes = readBlob(digest);
    try {
      return OciDocument.parse(bytes, entry != null ? entry.mediaType() : null);
    } catch (OciFormatException e) {
      throw new RegistryException("Manifest " + describe() + "@" + digest + " is unusable: " + e.getMessage(), e);
    }
  }

  /** The {@code index.json} entry named {@code name}; a layout with one unnamed entry answers to any name. */
  Optional<Descriptor> namedEntry(String name) throws IOException {
    List<Descriptor> entries = index().manifests();
    for (Descriptor d : entries) {
      if (name.equals(d.annotation(REF_NAME))) {
        return Optional.of(d);
      }
    }
    if (entries.size() == 1 && entries.get(0).annotation(REF_NAME) == null && name.equals("latest")) {
      return Optional.of(entries.get(0));
    }
    return Optional.empty();
  }

  @Override
  public InputStream openBlob(Digest digest) throws IOException {
    Path file = blobPath(digest);
    if (!Files.exists(file)) {
      throw new NotFoundException("Blob " + digest + " is not in " + describe());
    }
    return new VerifyingStream(Files.newInputStream(file), digest, describe());
  }

  @Override
  public InputStream openBlobRange(Digest digest, long offset, long length) throws IOException {
    Path file = blobPath(digest);
    if (!Files.exists(file)) {
      throw new NotFoundException("Blob " + digest + " is not in " + describe());
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    ch.position(offset);
    return new BoundedInputStream(Channels.newInputStream(ch), length);
  }

  @Override
  public long blobSize(Digest digest) throws IOException {
    Path file = blobPath(digest);
    if (!Files.exists(file)) {
      throw new NotFoundException("Blob " + digest + " is not in " + describe());
    }
    return Files.size(file);
  }

  @Override
  public List<String> tags() throws IOException {
    List<String> out = new ArrayList<>();
    for (Descriptor d : index().manifests()) {
      String name = d.annotation(REF_NAME);
      if (name != null) {
        out.add(name);
      }
    }
    return out;
  }

  @Override
  public boolean hasBlob(Digest digest) {
    return Files.exists(blobPath(digest));
  }

  @Override
  public void putBlob(Digest digest, BlobContent content) throws IOException {
    if (hasBlob(digest)) {
      return;
    }
    Path target = blobPath(digest);
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
    try {
      MessageDigest sha = Digest.sha256();
      try (InputStream in = content.open(0); OutputStream out = Files.newOutputStream(tmp)) {
        byte[] buf = new byte[1 << 16];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          sha.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      Digest actual = Digest.fromHash(sha.digest());
      if (!actual.equals(digest)) {
        throw new DigestMismatchException("Blob written to " + describe(), digest, actual);
      }
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public synchronized PushedManifest putManifest(OciDocument manifest, String tag) throws IOException {
    putBlob(manifest.digest(), BlobContent.ofBytes(manifest.bytes()));
    if (tag != null) {
      Descriptor entry = manifest.descriptor().withAnnotation(REF_NAME, tag);
      List<Descriptor> entries = new ArrayList<>();
      for (Descriptor d : index().manifests()) {
        if (!tag.equals(d.annotation(REF_NAME))) {
          entries.add(d);
        }
      }
      entries.add(entry);
      writeIndex(entries);
    }
    return new PushedManifest(manifest.digest(), Optional.empty());
  }

  /** Removes a manifest: its {@code index.json} names, and its blob when no name refers to it any more. */
  public synchronized void deleteManifest(Digest digest) throws IOException {
    List<Descriptor> entries = new ArrayList<>();
    for (Descriptor d : index().manifests()) {
      if (!d.digest().equals(digest)) {
        entries.add(d);
      }
    }
    writeIndex(entries);
    Files.deleteIfExists(blobPath(digest));
  }

  private void writeIndex(List<Descriptor> entries) throws IOException {
    writeAtomically(root.resolve("index.json"), OciJson.write(ImageIndex.of(entries)));
  }

  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".write-", ".tmp");
    try {
      Files.write(tmp, bytes);
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public void close() {
    // Nothing is held open between calls.
  }

  /** Deletes a folder tree (temporary folders of our own). */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Override
  public String toString() {
    return describe();
  }

  /** Hashes what passes and fails at the end when the content does not match its name. */
  static final class VerifyingStream extends FilterInputStream {
    private final Digest expected;
    private final String where;
    private final MessageDigest sha = Digest.sha256();
    private boolean checked;

    VerifyingStream(InputStream in, Digest expected, String where) {
      super(in);
      this.expected = expected;
      this.where = where;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        sha.update(b, off, n);
      } else if (n < 0 && !checked) {
        checked = true;
        Digest actual = Digest.fromHash(sha.digest());
        if (!actual.equals(expected)) {
          throw new DigestMismatchException("Blob " + expected + " in " + where, expected, actual);
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
      int r = read(buf, 0, buf.length);
      return Math.max(r, 0);
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
