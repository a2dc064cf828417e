package dev.sociscope.core.workflow;

import dev.sociscope.core.error.UnsupportedException;
import dev.sociscope.core.image.ImageLocation;
import dev.sociscope.core.image.ImageTarget;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.layout.LocalImageSource;
import dev.sociscope.core.layout.OciLayout;
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

  public ImageSource openSource(ImageLocation location) throws IOException {
    if (location instanceof ImageLocation.Registry r) {
      return client.repository(r.imageReference());
    }
    if (location instanceof ImageLocation.Layout l) {
      return LocalImageSource.openLayout(l.dir());
    }
    if (location instanceof ImageLocation.OciArchive a) {
      return LocalImageSource.openOciArchive(a.file());
    }
    ImageLocation.DockerArchive d = (ImageLocation.DockerArchive) location;
    return LocalImageSource.openDockerArchive(d.file());
  }

  /** Registries and OCI layout folders (created when missing) can be written; archives cannot (yet). */
  public ImageTarget openTarget(ImageLocation location) throws IOException {
    if (location instanceof ImageLocation.Registry r) {
      return client.repository(r.imageReference());
    }
    if (location instanceof ImageLocation.Layout l) {
      return OciLayout.openOrCreate(l.dir());
    }
    throw new UnsupportedException("Writing to " + location + " is not supported; write to a registry or an oci: folder");
  }
}
