package dev.sociscope.core.workflow;

import dev.sociscope.core.image.ImageLocation;
import dev.sociscope.core.image.ImageTarget;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.registry.RegistryClient;
import java.io.IOException;

/** Opens the {@link ImageSource} or {@link ImageTarget} behind an {@link ImageLocation}. */
public final class ImageStores {
  private final RegistryClient client;

  public ImageStores(RegistryClient client) {
    this.client = client;
  }

  public RegistryClient client() {
    return client;
  }

  /** The store that holds the image at {@code location} (opened as every workflow opens it: {@link OpenedImage}). */
  public ImageSource openSource(ImageLocation location) throws IOException {
    return OpenedImage.open(location, client, null).store();
  }

  /** Registries and OCI layout folders (created when missing) can be written; archives cannot (yet). */
  public ImageTarget openTarget(ImageLocation location) throws IOException {
    return OpenedImage.openForWriting(location, client, null).store();
  }
}
