package dev.sociscope.core.layout;

import dev.sociscope.core.oci.OciAnnotations;
import dev.sociscope.core.error.ErrorKind;
import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.error.CorruptInputException;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.image.ImageTarget;
import dev.sociscope.core.image.PushedManifest;
import dev.sociscope.core.io.AtomicFiles;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ImageIndex;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciJson;
import dev.sociscope.core.error.DigestMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A writable OCI image layout folder: {@code oci-layout}, {@code index.json}, {@code blobs/sha256/<hex>}. Every
 * file is written to a temporary name in the same folder and moved into place, so readers never see half a blob or
 * half an index; blobs are verified against their digest before they get their name.
 */
public final class OciLayout extends LocalImageSource implements ImageTarget {
  private static final String LAYOUT_FILE = "{\"imageLayoutVersion\":\"1.0.0\"}";
  private final Path root;

  private OciLayout(DirectoryFiles files) {
    super(files, false);
    this.root = files.root();
  }

  /** Opens an existing layout; fails when {@code oci-layout} is missing. */
  public static OciLayout open(Path dir) throws IOException {
    if (!Files.isRegularFile(dir.resolve("oci-layout"))) {
      throw new CorruptInputException("oci:" + dir + " is not an OCI image layout: the file 'oci-layout' is missing");
    }
    return new OciLayout(new DirectoryFiles(dir, "oci:" + dir));
  }

  /** Opens a layout, creating the folder, {@code oci-layout} and an empty {@code index.json} when missing. */
  public static OciLayout openOrCreate(Path dir) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new SociscopeException(ErrorKind.IO, "oci:" + dir + " cannot be created: a file of that name exists");
    }
    Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
    if (!Files.exists(dir.resolve("oci-layout"))) {
      AtomicFiles.write(dir.resolve("oci-layout"), LAYOUT_FILE.getBytes(StandardCharsets.UTF_8));
    }
    if (!Files.exists(dir.resolve("index.json"))) {
      AtomicFiles.write(dir.resolve("index.json"), OciJson.write(ImageIndex.of(List.of())));
    }
    return new OciLayout(new DirectoryFiles(dir, "oci:" + dir));
  }

  public Path root() {
    return root;
  }

  public Path blobPath(Digest digest) {
    return root.resolve("blobs").resolve("sha256").resolve(digest.hex());
  }

  @Override
  public boolean hasBlob(Digest digest) {
    return Files.isRegularFile(blobPath(digest));
  }

  @Override
  public synchronized void putBlob(Digest digest, BlobContent content) throws IOException {
    Path target = blobPath(digest);
    if (Files.isRegularFile(target) && Files.size(target) == content.size()) {
      return;
    }
    Files.createDirectories(target.getParent());
    AtomicFiles.write(target, out -> {
      MessageDigest hash = Digest.sha256();
      long written = 0;
      try (InputStream in = content.open(0)) {
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
          hash.update(buf, 0, n);
          out.write(buf, 0, n);
          written += n;
        }
      }
      Digest actual = Digest.fromHash(hash.digest());
      if (!actual.equals(digest)) {
        throw new DigestMismatchException("Blob written to " + describe(), digest, actual);
      }
      if (written != content.size()) {
        throw new CorruptInputException("Blob " + digest + " has " + written + " bytes, expected " + content.size());
      }
      return null;
    });
  }

  /**
   * Stores the manifest as a blob; with a {@code tag}, also records it in {@code index.json} under that name
   * (replacing an entry of the same name). Without a tag it is only a blob, like a registry's manifest by digest
   * (children of an index); {@link #addEntry} lists it unnamed.
   */
  @Override
  public synchronized PushedManifest putManifest(OciDocument manifest, String tag) throws IOException {
    putBlob(manifest.digest(), BlobContent.ofBytes(manifest.bytes()));
    if (tag != null) {
      List<Descriptor> entries = new ArrayList<>();
      for (Descriptor d : index().manifests()) {
        if (!tag.equals(d.annotation(OciAnnotations.REF_NAME))) {
          entries.add(d);
        }
      }
      entries.add(manifest.descriptor().withAnnotation(OciAnnotations.REF_NAME, tag));
      writeIndex(entries);
    }
    return new PushedManifest(manifest.digest(), Optional.empty());
  }

  /** Adds a descriptor to {@code index.json} as is (e.g. a SOCI index next to its image), unless already there. */
  public synchronized void addEntry(Descriptor entry) throws IOException {
    List<Descriptor> entries = new ArrayList<>(index().manifests());
    if (!entries.contains(entry)) {
      entries.add(entry);
      writeIndex(entries);
    }
  }

  /**
   * Removes a manifest: every {@code index.json} entry with its digest (names included) and its blob. Used to
   * delete SOCI indexes and stale referrers lists; other manifests that list it as a child are not checked.
   */
  public synchronized void removeManifest(Digest digest) throws IOException {
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
    ImageIndex index = index();
    AtomicFiles.write(root.resolve("index.json"), OciJson.write(index.withManifests(entries)));
    invalidate();
  }
}
