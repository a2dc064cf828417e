package dev.sociscope.core.registry.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.error.InvalidRequestException;
import dev.sociscope.core.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and certificates as openssl writes them: PKCS#8, PKCS#1, SEC 1; bundles with several certificates. */
class PemFilesTest {
  @TempDir Path dir;

  @Test
  void readsEveryKeyFormOpensslWrites() throws Exception {
    TestPki pki = TestPki.create(dir, "PEM Test CA");
    TestPki.Pair rsa = pki.client("alice");
    assertThat(Files.readString(rsa.key())).contains("BEGIN PRIVATE KEY");
    PrivateKey pkcs8 = PemFiles.privateKey(rsa.key());
    Path pkcs1File = pki.pkcs1(rsa.key());
    assertThat(Files.readString(pkcs1File)).contains("BEGIN RSA PRIVATE KEY");
    PrivateKey pkcs1 = PemFiles.privateKey(pkcs1File);
    assertThat(pkcs1.getAlgorithm()).isEqualTo("RSA");
    assertThat(pkcs1.getEncoded()).isEqualTo(pkcs8.getEncoded());

    TestPki.Pair ec = pki.ecClientSec1("bob");
    assertThat(Files.readString(ec.key())).contains("BEGIN EC PRIVATE KEY");
    assertThat(PemFiles.privateKey(ec.key()).getAlgorithm()).isEqualTo("EC");
    assertThat(ClientIdentity.load(ec.certificate(), ec.key()).chain()).hasSize(1);
  }

  @Test
  void bundleWithSeveralCertificates() throws Exception {
    TestPki a = TestPki.create(dir.resolve("a"), "CA A");
    TestPki b = TestPki.create(dir.resolve("b"), "CA B");
    Path bundle = dir.resolve("bundle.pem");
    Files.writeString(bundle, "comment line\n" + Files.readString(a.caCertificate()) + "\n"
        + Files.readString(b.caCertificate()));
    assertThat(PemFiles.certificates(bundle)).extracting(c -> c.getSubjectX500Principal().getName())
        .containsExactly("CN=CA A", "CN=CA B");
  }

  @Test
  void badFilesAreOneLineErrors() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "hello");
    assertThatThrownBy(() -> PemFiles.certificates(empty)).isInstanceOf(InvalidRequestException.class)
        .hasMessage(empty + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
    assertThatThrownBy(() -> PemFiles.certificates(dir.resolve("missing.pem")))
        .isInstanceOf(InvalidRequestException.class).hasMessageEndingWith("missing.pem: no such file");
    Path encrypted = Files.writeString(dir.resolve("enc.key"),
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertThatThrownBy(() -> PemFiles.privateKey(encrypted)).hasMessageContaining("the key is encrypted");
    Path garbage = Files.writeString(dir.resolve("g.key"),
        "-----BEGIN EC PRIVATE KEY-----\nMAMCAQE=\n-----END EC PRIVATE KEY-----\n");
    assertThatThrownBy(() -> PemFiles.privateKey(garbage)).isInstanceOf(InvalidRequestException.class)
        .hasMessageNotContaining("\n");
  }

  @Test
  void keyOfAnotherCertificateIsRefused() throws Exception {
    TestPki pki = TestPki.create(dir, "Mismatch CA");
    TestPki.Pair rsa = pki.client("carol");
    TestPki.Pair ec = pki.ecClientSec1("dave");
    assertThatThrownBy(() -> ClientIdentity.load(rsa.certificate(), ec.key()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("does not belong to the RSA certificate");
  }

  @Test
  void certsDirectoriesFindCasAndClientPairsPerHostAndPort() throws Exception {
    Path root = dir.resolve("certs.d");
    Path host = Files.createDirectories(root.resolve("reg.example:5000"));
    Files.writeString(host.resolve("ca.crt"), "x");
    Files.writeString(host.resolve("client.cert"), "x");
    Files.writeString(host.resolve("client.key"), "x");
    Files.writeString(host.resolve("lonely.cert"), "x");
    CertsDirectories dirs = new CertsDirectories(List.of(dir.resolve("absent"), root));
    CertsDirectories.HostCerts found = dirs.lookup("reg.example:5000");
    assertThat(found.caFiles()).containsExactly(host.resolve("ca.crt"));
    assertThat(found.clientPairs()).containsExactly(
        new CertsDirectories.HostCerts.ClientPair(host.resolve("client.cert"), host.resolve("client.key")));
    assertThat(dirs.lookup("reg.example").isEmpty()).isTrue();
  }

  @Test
  void standardRootsAreDockersAndPodmans() {
    String saved = System.getProperty(CertsDirectories.ROOTS_PROPERTY);
    System.clearProperty(CertsDirectories.ROOTS_PROPERTY);
    try {
      assertThat(CertsDirectories.standard(java.util.Map.of("HOME", "/home/u")).roots()).containsExactly(
          Path.of("/etc/docker/certs.d"), Path.of("/home/u/.config/containers/certs.d"));
    } finally {
      if (saved != null) {
        System.setProperty(CertsDirectories.ROOTS_PROPERTY, saved);
      }
    }
  }
}
