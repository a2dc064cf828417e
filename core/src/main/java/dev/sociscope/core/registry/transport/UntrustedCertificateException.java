package dev.sociscope.core.registry.transport;

import dev.sociscope.core.error.ErrorKind;
import dev.sociscope.core.error.SociscopeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A registry's TLS certificate was not accepted. The message is one sentence; {@link #certificate()} carries the
 * server certificate's subject, issuer, validity and fingerprint so that a dialog can show them.
 */
public final class UntrustedCertificateException extends SociscopeException {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final String host;
  private final transient ServerCertificate certificate;

  public UntrustedCertificateException(String host, ServerCertificate certificate, Throwable cause) {
    super(ErrorKind.UNREACHABLE, sentence(host, certificate, Instant.now()), cause);
    this.host = host;
    this.certificate = certificate;
  }

  /** {@code host[:port]} of the registry. */
  public String host() {
    return host;
  }

  public ServerCertificate certificate() {
    return certificate;
  }

  static String sentence(String host, ServerCertificate c, Instant now) {
    String why;
    if (c.expiredAt(now)) {
      why = "it expired on " + DAY.format(c.notAfter());
    } else if (c.notYetValidAt(now)) {
      why = "it is valid only from " + DAY.format(c.notBefore());
    } else {
      why = "issued by " + c.issuer() + (c.selfSigned() ? " (self-signed)" : "")
          + ", not in the system store or the CA files given";
    }
    return "the certificate of " + host + " is not trusted: " + why + "; use --tls-ca-cert or certs.d";
  }
}
