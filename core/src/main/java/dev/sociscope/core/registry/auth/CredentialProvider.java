package dev.sociscope.core.registry.auth;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where credentials for a registry come from: the command line, the app's own store, Docker's config file. The
 * host is the API host with port ({@code registry-1.docker.io}, {@code 127.0.0.1:5000}).
 */
@FunctionalInterface
public interface CredentialProvider {
  CredentialProvider ANONYMOUS = host -> Optional.empty();

  Optional<Credentials> credentialsFor(String host) throws IOException;

  /** Fixed credentials for one host (e.g. {@code --username} and {@code --password-stdin}). */
  static CredentialProvider forHost(String host, Credentials credentials) {
    return h -> h.equalsIgnoreCase(host) ? Optional.of(credentials) : Optional.empty();
  }

  /** Asks each provider in order; the first answer wins. */
  static CredentialProvider chain(CredentialProvider... providers) {
    List<CredentialProvider> list = Arrays.asList(providers);
    return host -> {
      for (CredentialProvider p : list) {
        Optional<Credentials> c = p.credentialsFor(host);
        if (c.isPresent()) {
          return c;
        }
      }
      return Optional.empty();
    };
  }
}
