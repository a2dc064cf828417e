package dev.sociscope.core.workflow;

import dev.sociscope.core.error.UnsupportedException;
import dev.sociscope.core.image.ImageLocation;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.image.ImageTarget;
import dev.sociscope.core.layout.LocalImageSource;
import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.registry.RemoteRepository;
import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;

/**
 * An image opened for the SOCI workflows: the store that holds it (a registry repository, an OCI layout folder, or
 * a read-only archive) and the tag or digest that names it there. Text as users type it is parsed by
 * {@link ImageLocation#parse} ({@code host/repo:tag}, {@code oci:DIR[:TAG]}, {@code oci-archive:FILE},
 * {@code docker-archive:FILE}); {@code oci:DIR@sha256:...} names a manifest of a layout by digest.
 *
 * @param store reads, and writes where the place allows them
 * @param reference the tag or digest of the image in the store; empty selects the only image of a layout
 * @param location the parsed location
 */
public record OpenedImage(Store store, String reference, ImageLocation location) implements Closeable {

  /** A place images are read from and, for registries and layouts, written to. */
  public interface Store extends ImageSource, ImageTarget {
    @Override
    String describe();

    @Override
    default void close() throws IOException {}
  }

  public OpenedImage {
    Objects.requireNonNull(store, "store == null");
    reference = reference == null ? "" : reference;
  }

  /** Opens {@code text} (parsed by {@link ImageLocation#parse}); registry references go through {@code client}. */
  public static OpenedImage open(String text, RegistryClient client) throws IOException {
    return open(ImageLocation.parse(text), client, false, null);
  }

  /** Like {@link #open}; {@code cancel} (may be null) also stops registry requests in flight. */
  public static OpenedImage open(String text, RegistryClient client, Cancellation cancel) throws IOException {
    return open(ImageLocation.parse(text), client, false, cancel);
  }

  /** Opens a parsed location. */
  public static OpenedImage open(ImageLocation location, RegistryClient client, Cancellation cancel)
      throws IOException {
    return open(location, client, false, cancel);
  }

  /** Like {@link #open}, creating an OCI layout folder when missing (destinations of convert). */
  public static OpenedImage openForWriting(String text, RegistryClient client, Cancellation cancel)
      throws IOException {
    return open(ImageLocation.parse(text), client, true, cancel);
  }

  /** Like {@link #open}, creating an OCI layout folder when missing; archives are refused. */
  public static OpenedImage openForWriting(ImageLocation location, RegistryClient client, Cancellation cancel)
      throws IOException {
    return open(location, client, true, cancel);
  }

  private static OpenedImage open(ImageLocation loc, RegistryClient client, boolean create, Cancellation cancel)
      throws IOException {
    if (loc instanceof ImageLocation.Registry r) {
      RemoteRepository repo = client.repository(r.imageReference());
      if (cancel != null) {
        repo = repo.withCancellation(cancel);
      }
      return new OpenedImage(new Remote(repo), loc.reference(), loc);
    }
    if (loc instanceof ImageLocation.Layout l) {
      OciLayout layout = create ? OciLayout.openOrCreate(l.dir()) : OciLayout.open(l.dir());
      return new OpenedImage(new Layout(layout), l.tag() != null ? l.tag() : defaultName(layout), loc);
    }
    if (create) {
      throw new UnsupportedException("cannot write to " + loc + "; write to a registry or an oci: folder");
    }
    LocalImageSource source = loc instanceof ImageLocation.OciArchive a
        ? LocalImageSource.openOciArchive(a.file())
        : LocalImageSource.openDockerArchive(((ImageLocation.DockerArchive) loc).file());
    return new OpenedImage(new ReadOnly(source), loc.reference(), loc);
  }

  /**
   * Where an image on disk is, by looking: a folder is an OCI layout; a file is an oci-archive when it holds an
   * {@code oci-layout}, else a {@code docker save} archive.
   */
  public static ImageLocation locate(java.nio.file.Path path) throws IOException {
    if (java.nio.file.Files.isDirectory(path)) {
      return new ImageLocation.Layout(path, null);
    }
    try (LocalImageSource oci = LocalImageSource.openOciArchive(path)) {
      return new ImageLocation.OciArchive(path, null);
    } catch (dev.sociscope.core.error.CorruptInputException e) {
      LocalImageSource.openDockerArchive(path).close(); // fails with its own message when it is neither
      return new ImageLocation.DockerArchive(path, null);
    }
  }

  /** A layout without a tag: its only entry, else {@code latest}. */
  private static String defaultName(OciLayout layout) throws IOException {
    return layout.index().manifests().size() == 1 ? "" : "latest";
  }

  /** The layout, when this is one. */
  public OciLayout layout() {
    return store instanceof Layout ? ((Layout) store).layout : null;
  }

  /** The repository, when this is a registry image. */
  public RemoteRepository repository() {
    return store instanceof Remote ? ((Remote) store).repo : null;
  }

  /** Whether images can be written here (registries and layout folders; not archives). */
  public boolean writable() {
    return !(store instanceof ReadOnly);
  }

  /** Whether the reference is a name (not a digest). */
  public boolean isTagged() {
    return !reference.startsWith("sha256:");
  }

  /** For messages: {@code 127.0.0.1:5000/app:1.0} or {@code oci:/tmp/l:latest}. */
  public String display() {
    return store.describe() + (reference.isEmpty() ? "" : (isTagged() ? ":" : "@") + reference);
  }

  @Override
  public void close() throws IOException {
    store.close();
  }

  @Override
  public String toString() {
    return display();
  }

  /** A layout folder. */
  static final class Layout extends DelegatingStore {
    final OciLayout layout;

    Layout(OciLayout layout) {
      super(layout, layout);
      this.layout = layout;
    }
  }

  /** A registry repository. */
  static final class Remote extends DelegatingStore {
    final RemoteRepository repo;

    Remote(RemoteRepository repo) {
      super(repo, repo);
      this.repo = repo;
    }
  }

  /** An archive: reads only. */
  static final class ReadOnly extends DelegatingStore {
    ReadOnly(ImageSource source) {
      super(source, new ImageTarget() {
        @Override
        public String describe() {
          return source.describe();
        }

        @Override
        public boolean hasBlob(dev.sociscope.core.oci.Digest digest) throws IOException {
          throw readOnly();
        }

        @Override
        public void putBlob(dev.sociscope.core.oci.Digest digest, dev.sociscope.core.image.BlobContent content)
            throws IOException {
          throw readOnly();
        }

        @Override
        public dev.sociscope.core.image.PushedManifest putManifest(dev.sociscope.core.oci.OciDocument manifest,
            String tag) throws IOException {
          throw readOnly();
        }

        private IOException readOnly() {
          return new dev.sociscope.core.error.UnsupportedException(source.describe()
              + " is read-only; write to a registry or an oci: folder");
        }
      });
    }
  }
}
