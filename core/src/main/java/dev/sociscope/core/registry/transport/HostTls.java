package dev.sociscope.core.registry.transport;

import dev.sociscope.core.error.InvalidRequestException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS set-up for one registry host: the system store, {@code --tls-ca-cert} and the host's {@code certs.d} CAs
 * as trust; {@code --tls-cert}/{@code --tls-key}, else the host's {@code certs.d} client pair, as client identity.
 */
public record HostTls(SSLSocketFactory socketFactory, X509TrustManager trustManager, boolean verifies,
    Optional<Path> clientCertificate) {

  public static HostTls forHost(String hostKey, TlsConfig config) throws IOException {
    if (config.insecure()) {
      return insecure();
    }
    CertsDirectories.HostCerts found = config.certsDirectories().lookup(hostKey);
    List<X509Certificate> cas = new ArrayList<>(config.extraCas());
    for (Path f : found.caFiles()) {
      cas.addAll(PemFiles.certificates(f));
    }
    Optional<ClientIdentity> client = config.client();
    if (client.isEmpty() && !found.clientPairs().isEmpty()) {
      CertsDirectories.HostCerts.ClientPair pair = found.clientPairs().get(0);
      client = Optional.of(ClientIdentity.load(pair.certificate(), pair.key()));
    }
    try {
      HostTrustManager trust = new HostTrustManager(cas);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(client.isPresent() ? keyManagers(client.get()) : null, new TrustManager[] {trust}, new SecureRandom());
      return new HostTls(ssl.getSocketFactory(), trust, true, client.map(ClientIdentity::certificateFile));
    } catch (GeneralSecurityException e) {
      throw new InvalidRequestException("cannot set up TLS for " + hostKey + ": " + e.getMessage(), e);
    }
  }

  private static KeyManager[] keyManagers(ClientIdentity id) throws GeneralSecurityException {
    char[] none = new char[0];
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try {
      ks.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    ks.setKeyEntry("client", id.key(), none, id.chain().toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, none);
    return kmf.getKeyManagers();
  }

  /** {@code --insecure}: every certificate and host name accepted. */
  public static HostTls insecure() {
    X509TrustManager trustAll = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    try {
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, new TrustManager[] {trustAll}, new SecureRandom());
      return new HostTls(ssl.getSocketFactory(), trustAll, false, Optional.empty());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JVM", e);
    }
  }
}
