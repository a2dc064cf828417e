package dev.sociscope.core.registry.transport;

import dev.sociscope.core.error.InvalidRequestException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TLS choices of a command or a saved registry: extra CA certificates (on top of the system store), an optional
 * client certificate, the {@code certs.d} roots to look in per host, and whether verification is off.
 */
public record TlsConfig(List<X509Certificate> extraCas, Optional<ClientIdentity> client,
    CertsDirectories certsDirectories, boolean insecure) {
  public TlsConfig {
    extraCas = List.copyOf(extraCas);
  }

  /** System store plus the standard {@code certs.d} folders. */
  public static TlsConfig standard() {
    return new TlsConfig(List.of(), Optional.empty(), CertsDirectories.standard(), false);
  }

  /**
   * Reads the files the user named ({@code --tls-ca-cert}, {@code --tls-cert}, {@code --tls-key}; any may be null)
   * now, so that a wrong path or a bad PEM file is a one-line error before any request.
   */
  public static TlsConfig load(List<Path> caFiles, Path clientCert, Path clientKey, boolean insecure)
      throws IOException {
    if ((clientCert == null) != (clientKey == null)) {
      throw new InvalidRequestException(clientCert == null ? "--tls-key needs --tls-cert (the client certificate)"
          : "--tls-cert needs --tls-key (the client certificate's private key)");
    }
    List<X509Certificate> cas = new ArrayList<>();
    for (Path f : caFiles) {
      cas.addAll(PemFiles.certificates(f));
    }
    Optional<ClientIdentity> client = clientCert == null ? Optional.empty()
        : Optional.of(ClientIdentity.load(clientCert, clientKey));
    return new TlsConfig(cas, client, CertsDirectories.standard(), insecure);
  }

  public TlsConfig withCertsDirectories(CertsDirectories dirs) {
    return new TlsConfig(extraCas, client, dirs, insecure);
  }

  public TlsConfig withInsecure(boolean value) {
    return new TlsConfig(extraCas, client, certsDirectories, value);
  }
}
