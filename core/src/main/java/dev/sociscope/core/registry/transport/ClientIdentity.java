package dev.sociscope.core.registry.transport;

import dev.sociscope.core.error.InvalidRequestException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A client certificate chain and its private key, for registries that want mutual TLS. */
public record ClientIdentity(List<X509Certificate> chain, PrivateKey key, Path certificateFile) {
  public ClientIdentity {
    chain = List.copyOf(chain);
  }

  /** Reads {@code certificate} (PEM chain, leaf first) and {@code key} (PEM, PKCS#8, PKCS#1 or SEC 1). */
  public static ClientIdentity load(Path certificate, Path key) throws IOException {
    List<X509Certificate> chain = PemFiles.certificates(certificate);
    PrivateKey privateKey = PemFiles.privateKey(key);
    String keyAlgorithm = privateKey.getAlgorithm().equals("EdDSA") ? "Ed25519" : privateKey.getAlgorithm();
    String certAlgorithm = chain.get(0).getPublicKey().getAlgorithm();
    if (!certAlgorithm.equals(keyAlgorithm) && !(certAlgorithm.equals("EdDSA") && keyAlgorithm.equals("Ed25519"))) {
      throw new InvalidRequestException(key + ": a " + keyAlgorithm + " key does not belong to the "
          + certAlgorithm + " certificate " + certificate);
    }
    return new ClientIdentity(chain, privateKey, certificate);
  }
}
