package dev.sociscope.core.workflow;

import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.image.ImageTarget;
import dev.sociscope.core.registry.ImageReference;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.registry.RemoteRepository;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an image is, as a user types it: a registry reference ({@code 127.0.0.1:5000/app:1.0},
 * {@code repo@sha256:...}) or an OCI layout folder ({@code oci:DIR} or {@code oci:DIR:TAG}, tag {@code latest}
 * when omitted).
 *
 * @param store the repository or layout holding the image (reads and writes)
 * @param reference the tag or digest of the image inside the store
 * @param registryReference the parsed registry reference; null for layouts
 */
public record ImageLocation(Store store, String reference, ImageReference registryReference) implements Closeable {

  /** A repository or layout: both read and written through the same object. */
  public interface Store extends ImageSource, ImageTarget {
    @Override
    String describe();

    @Override
    default void close() throws IOException {}
  }

  public ImageLocation {
    Objects.requireNonNull(store, "store == null");
    Objects.requireNonNull(reference, "reference == null");
  }

  /** Parses {@code text}; registry references are opened through {@code client}. */
  public static ImageLocation parse(String text, RegistryClient client) throws IOException {
    if (text.startsWith("oci:")) {
      String[] dirAndRef = splitLayout(text);
      return new ImageLocation(new LayoutAdapter(LayoutStore.open(Path.of(dirAndRef[0]))), dirAndRef[1], null);
    }
    ImageReference ref = ImageReference.parse(text);
    return new ImageLocation(new RemoteAdapter(client.repository(ref)), ref.manifestReference(), ref);
  }

  /** {@code oci:DIR}, {@code oci:DIR:TAG} or {@code oci:DIR@sha256:HEX} to {DIR, TAG or digest}. */
  static String[] splitLayout(String text) {
    String rest = text.substring(4);
    String ref = "latest";
    int at = rest.lastIndexOf("@sha256:");
    if (at > 0) {
      ref = rest.substring(at + 1);
      rest = rest.substring(0, at);
    } else {
      int colon = rest.lastIndexOf(':');
      if (colon > 0 && !rest.substring(colon + 1).contains("/")) {
        ref = rest.substring(colon + 1);
        rest = rest.substring(0, colon);
      }
    }
    if (rest.isEmpty() || ref.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "': expected oci:DIR, oci:DIR:TAG or oci:DIR@sha256:...");
    }
    return new String[] {rest, ref};
  }

  /**
   * Like {@link #parse} but a layout folder is created when missing (destinations of convert).
   */
  public static ImageLocation parseForWriting(String text, RegistryClient client) throws IOException {
    if (text.startsWith("oci:")) {
      String[] dirAndRef = splitLayout(text);
      return new ImageLocation(new LayoutAdapter(LayoutStore.openOrCreate(Path.of(dirAndRef[0]))), dirAndRef[1],
          null);
    }
    return parse(text, client);
  }

  /** The layout, when this is one. */
  public LayoutStore layout() {
    return store instanceof LayoutAdapter ? ((LayoutAdapter) store).layout : null;
  }

  /** The repository, when this is a registry image. */
  public RemoteRepository repository() {
    return store instanceof RemoteAdapter ? ((RemoteAdapter) store).repo : null;
  }

  /** Whether the reference is a tag (not a digest). */
  public boolean isTagged() {
    return !reference.startsWith("sha256:");
  }

  /** For messages: {@code 127.0.0.1:5000/app:1.0} or {@code oci:/tmp/l:latest}. */
  public String display() {
    return store.describe() + (isTagged() ? ":" : "@") + reference;
  }

  @Override
  public void close() throws IOException {
    store.close();
  }

  @Override
  public String toString() {
    return display();
  }

  /** A layout as a store. */
  static final class LayoutAdapter extends DelegatingStore {
    final LayoutStore layout;

    LayoutAdapter(LayoutStore layout) {
      super(layout, layout);
      this.layout = layout;
    }
  }

  /** A registry repository as a store. */
  static final class RemoteAdapter extends DelegatingStore {
    final RemoteRepository repo;

    RemoteAdapter(RemoteRepository repo) {
      super(repo, repo);
      this.repo = repo;
    }
  }
}
