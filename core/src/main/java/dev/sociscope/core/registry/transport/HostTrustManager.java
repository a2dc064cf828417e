package dev.sociscope.core.registry.transport;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts what the system store trusts plus the extra CAs of one host ({@code --tls-ca-cert} and its {@code certs.d}
 * files). A refused chain is thrown as {@link UntrustedChain}, which keeps the server's certificate so that the
 * failure can name its issuer and fingerprint.
 */
final class HostTrustManager implements X509TrustManager {
  private final X509TrustManager system;
  private final X509TrustManager extra;

  HostTrustManager(List<X509Certificate> extraCas) throws GeneralSecurityException {
    this.system = defaultManager(null);
    if (extraCas.isEmpty()) {
      this.extra = null;
    } else {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      try {
        ks.load(null, null);
      } catch (java.io.IOException e) {
        throw new GeneralSecurityException(e);
      }
      int i = 0;
      for (X509Certificate ca : extraCas) {
        ks.setCertificateEntry("ca-" + i++, ca);
      }
      this.extra = defaultManager(ks);
    }
  }

  private static X509TrustManager defaultManager(KeyStore ks) throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509TrustManager in this JVM");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    try {
      system.checkServerTrusted(chain, authType);
    } catch (CertificateException notBySystem) {
      if (extra != null) {
        try {
          extra.checkServerTrusted(chain, authType);
          return;
        } catch (CertificateException notByExtra) {
          throw new UntrustedChain(chain, notByExtra);
        }
      }
      throw new UntrustedChain(chain, notBySystem);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("a registry client does not accept client certificates");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    List<X509Certificate> all = new ArrayList<>(Arrays.asList(system.getAcceptedIssuers()));
    if (extra != null) {
      all.addAll(Arrays.asList(extra.getAcceptedIssuers()));
    }
    return all.toArray(new X509Certificate[0]);
  }

  /** The server's chain was not trusted; {@link #leaf()} is the server's own certificate. */
  static final class UntrustedChain extends CertificateException {
    private static final long serialVersionUID = 1L;
    private final transient X509Certificate leaf;

    UntrustedChain(X509Certificate[] chain, Throwable cause) {
      super(cause.getMessage(), cause);
      this.leaf = chain.length == 0 ? null : chain[0];
    }

    X509Certificate leaf() {
      return leaf;
    }
  }
}
