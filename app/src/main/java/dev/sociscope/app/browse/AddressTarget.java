package dev.sociscope.app.browse;

import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.core.image.ImageLocation;
import dev.sociscope.core.image.ImageReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where an address typed or dropped by the user leads: the registry entry to use (a saved one for the same host, so
 * no duplicate is added, else a new one), the repository and the tag or digest.
 *
 * @param reference the tag or digest ({@code sha256:...}); null for "the only image there" of a layout or archive
 */
record AddressTarget(SavedRegistry registry, String repository, String reference) {

  static AddressTarget of(ImageLocation location, List<SavedRegistry> saved) {
    if (location instanceof ImageLocation.Registry r) {
      ImageReference ref = r.imageReference();
      SavedRegistry registry = saved.stream()
          .filter(s -> !isLocal(s) && sameHost(hostOf(s), ref))
          .findFirst()
          // https:// is only the label: core's client itself talks plain HTTP to loopback registries
          .orElseGet(() -> new SavedRegistry(ref.registry(), "https://" + ref.apiHost(),
              SavedRegistry.AuthMode.DOCKER_CREDENTIALS, "", false));
      return new AddressTarget(registry, ref.repository(), ref.manifestReference());
    }
    ImageLocation.Local local = (ImageLocation.Local) location;
    Path path;
    String transport;
    if (local instanceof ImageLocation.Layout l) {
      path = l.dir();
      transport = "oci:";
    } else if (local instanceof ImageLocation.OciArchive a) {
      path = a.file();
      transport = "oci-archive:";
    } else {
      path = ((ImageLocation.DockerArchive) local).file();
      transport = "docker-archive:";
    }
    Path absolute = path.toAbsolutePath().normalize();
    String name = absolute.getFileName() == null ? absolute.toString() : absolute.getFileName().toString();
    return new AddressTarget(new SavedRegistry(name, transport + absolute, SavedRegistry.AuthMode.ANONYMOUS, "",
        false), name, local.tag());
  }

  /** {@code host[:port]} of a saved registry, or empty when its URL is not a registry URL. */
  static String hostOf(SavedRegistry saved) {
    try {
      return new RegistryConnection(saved, "").apiHost().toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static boolean sameHost(String host, ImageReference ref) {
    return host.equals(ref.registry().toLowerCase(Locale.ROOT)) || host.equals(ref.apiHost().toLowerCase(Locale.ROOT));
  }

  static boolean isLocal(SavedRegistry s) {
    return new RegistryConnection(s, "").isLocal();
  }
}
