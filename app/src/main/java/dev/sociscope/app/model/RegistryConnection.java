package dev.sociscope.app.model;

import dev.sociscope.app.settings.SavedRegistry;
import java.net.URI;
import java.util.Locale;

/**
 * A saved registry plus the secret for this session. The secret lives only in memory: it is never written to the
 * settings file, and {@link #toString()} leaves it out.
 *
 * @param secret the password or token, empty for anonymous access and Docker credentials
 */
public record RegistryConnection(SavedRegistry registry, String secret) {
  public RegistryConnection {
    secret = secret == null ? "" : secret;
  }

  /** Whether this is an image on disk ({@code oci:<folder>}, {@code oci-archive:<file>}, {@code docker-archive:<file>}). */
  public boolean isLocal() {
    String u = registry.url();
    return u.startsWith("oci:") || u.startsWith("oci-archive:") || u.startsWith("docker-archive:")
        || u.startsWith("archive:");
  }

  /** {@code host[:port]} of the registry URL, as core's client keys hosts. */
  public String apiHost() {
    String url = registry.url().strip();
    if (!url.contains("://")) {
      url = "https://" + url;
    }
    URI uri = URI.create(url);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("'" + registry.url() + "' is not a registry URL (e.g. https://ghcr.io)");
    }
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  public boolean wantsPlainHttp() {
    return registry.url().strip().toLowerCase(Locale.ROOT).startsWith("http://");
  }

  @Override
  public String toString() {
    return "RegistryConnection[" + registry.url() + ", " + registry.auth() + "]";
  }
}
