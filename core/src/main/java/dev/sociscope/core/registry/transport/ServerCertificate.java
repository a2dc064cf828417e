package dev.sociscope.core.registry.transport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What a person needs to decide about a server certificate: who it names, who issued it, when it is valid and its
 * SHA-256 fingerprint (colon-separated upper-case hex, as browsers and {@code openssl x509 -fingerprint} show it).
 */
public record ServerCertificate(String subject, String issuer, Instant notBefore, Instant notAfter,
    String sha256Fingerprint) {

  public static ServerCertificate of(X509Certificate cert) {
    String fingerprint;
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
      fingerprint = HexFormat.ofDelimiter(":").withUpperCase().formatHex(hash);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      fingerprint = "";
    }
    return new ServerCertificate(cert.getSubjectX500Principal().getName(), cert.getIssuerX500Principal().getName(),
        cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), fingerprint);
  }

  public boolean selfSigned() {
    return subject.equals(issuer);
  }

  /** Whether {@code now} is outside the validity period. */
  public boolean expiredAt(Instant now) {
    return now.isAfter(notAfter);
  }

  public boolean notYetValidAt(Instant now) {
    return now.isBefore(notBefore);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "subject %s, issuer %s, valid %s to %s, SHA-256 %s", subject, issuer,
        notBefore, notAfter, sha256Fingerprint);
  }
}
