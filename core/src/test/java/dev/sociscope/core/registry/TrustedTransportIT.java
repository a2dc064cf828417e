package dev.sociscope.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.image.ImageReference;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.registry.transport.CertsDirectories;
import dev.sociscope.core.registry.transport.EnvironmentProxies;
import dev.sociscope.core.registry.transport.ServerCertificate;
import dev.sociscope.core.registry.transport.TlsConfig;
import dev.sociscope.core.registry.transport.UntrustedCertificateException;
import dev.sociscope.core.testing.NetnsRegistry;
import dev.sociscope.core.testing.TestImages;
import dev.sociscope.core.testing.TestPki;
import dev.sociscope.core.testing.TinyProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS at an address that is not loopback: Debian's registry in its own network namespace, serving a
 * certificate from a CA this test makes; a second one that wants client certificates; a real tinyproxy.
 */
class TrustedTransportIT {
  @TempDir static Path dir;
  static TestPki pki;
  static NetnsRegistry registry;
  static NetnsRegistry mutual;

  @BeforeAll
  static void start() throws Exception {
    pki = TestPki.create(dir.resolve("pki"), "Sociscope Test CA");
    registry = NetnsRegistry.start(pki, false);
    mutual = NetnsRegistry.start(pki, true);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (mutual != null) {
      mutual.close();
    }
  }

  static TlsConfig noCertsD(TlsConfig c) {
    return c.withCertsDirectories(CertsDirectories.none());
  }

  static RegistryClient client(TlsConfig tls) throws Exception {
    return RegistryClient.builder().tls(tls).retry(RetryPolicy.NONE).proxies(EnvironmentProxies.of(Map.of())).build();
  }

  static void roundTrip(RegistryClient client, String host) throws Exception {
    byte[] blob = ("over verified tls " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    RemoteRepository repo = client.repository(ImageReference.parse(host + "/team/app:1"));
    repo.putBlob(Digest.of(blob), BlobContent.ofBytes(blob));
    assertThat(repo.readBlob(Digest.of(blob))).isEqualTo(blob);
  }

  @Test
  void unknownCaIsRefusedInOneSentenceWithTheCertificateAsData() throws Exception {
    RegistryClient client = client(noCertsD(TlsConfig.standard()));
    assertThat(client.baseUrl(registry.host()).scheme()).isEqualTo("https");
    assertThatThrownBy(() -> client.ping(registry.host(), Cancellation.NONE))
        .isInstanceOf(UntrustedCertificateException.class)
        .hasMessage("the certificate of " + registry.host() + " is not trusted: issued by CN=Sociscope Test CA,"
            + " not in the system store or the CA files given; use --tls-ca-cert or certs.d")
        .satisfies(e -> {
          ServerCertificate c = ((UntrustedCertificateException) e).certificate();
          assertThat(c.issuer()).isEqualTo("CN=Sociscope Test CA");
          assertThat(c.subject()).startsWith("CN=registry-");
          assertThat(c.notAfter()).isAfter(c.notBefore());
          String openssl = TestImages.run("openssl", "x509", "-in", registry.serverCertificate().toString(),
              "-noout", "-fingerprint", "-sha256");
          assertThat(openssl.strip()).endsWith("=" + c.sha256Fingerprint());
        });
  }

  @Test
  void acceptedWithTheCaFile() throws Exception {
    roundTrip(client(noCertsD(TlsConfig.load(List.of(pki.caCertificate()), null, null, false))), registry.host());
  }

  @Test
  void acceptedWithACertsDFolder(@TempDir Path certsD) throws Exception {
    Path hostDir = Files.createDirectories(certsD.resolve(registry.host()));
    Files.copy(pki.caCertificate(), hostDir.resolve("company-ca.crt"));
    TlsConfig tls = TlsConfig.standard().withCertsDirectories(new CertsDirectories(List.of(certsD)));
    roundTrip(client(tls), registry.host());
  }

  @Test
  void insecureStillWorks() throws Exception {
    roundTrip(client(noCertsD(TlsConfig.standard()).withInsecure(true)), registry.host());
  }

  @Test
  void clientCertificateRegistryAcceptsTlsCertAndKeyAndRefusesWithout(@TempDir Path certsD) throws Exception {
    TestPki.Pair alice = pki.client("alice");
    roundTrip(client(noCertsD(TlsConfig.load(List.of(pki.caCertificate()), alice.certificate(),
        pki.pkcs1(alice.key()), false))), mutual.host());

    RegistryClient without = client(noCertsD(TlsConfig.load(List.of(pki.caCertificate()), null, null, false)));
    assertThatThrownBy(() -> without.ping(mutual.host(), Cancellation.NONE))
        .isInstanceOf(RegistryException.class)
        .hasMessage(mutual.host() + " wants a client certificate and did not accept one; use --tls-cert and"
            + " --tls-key, or certs.d");

    Path hostDir = Files.createDirectories(certsD.resolve(mutual.host()));
    Files.copy(pki.caCertificate(), hostDir.resolve("ca.crt"));
    Files.copy(alice.certificate(), hostDir.resolve("client.cert"));
    Files.copy(alice.key(), hostDir.resolve("client.key"));
    roundTrip(client(TlsConfig.standard().withCertsDirectories(new CertsDirectories(List.of(certsD)))),
        mutual.host());
  }

  @Test
  void requestsGoThroughTinyproxyWithCredentialsAndNoProxyBypassesIt() throws Exception {
    TlsConfig tls = noCertsD(TlsConfig.load(List.of(pki.caCertificate()), null, null, false));
    String target = registry.host();
    try (TinyProxy proxy = TinyProxy.start("alice", "s3cret")) {
      String withCredentials = "http://alice:s3cr%65t@127.0.0.1:" + proxy.port();
      RegistryClient viaProxy = RegistryClient.builder().tls(tls).retry(RetryPolicy.NONE)
          .proxies(EnvironmentProxies.of(Map.of("HTTPS_PROXY", withCredentials))).build();
      assertThat(viaProxy.proxyFor(target).describe()).isEqualTo(proxy.url() + " (from HTTPS_PROXY)");
      roundTrip(viaProxy, target);
      String log = proxy.log();
      assertThat(log).contains("CONNECT").contains(target.substring(0, target.indexOf(':')));
      int tunnels = count(log, "Established connection to host");

      RegistryClient noCredentials = RegistryClient.builder().tls(tls).retry(RetryPolicy.NONE)
          .proxies(EnvironmentProxies.of(Map.of("https_proxy", proxy.url()))).build();
      assertThatThrownBy(() -> noCredentials.ping(target, Cancellation.NONE)).isInstanceOf(RegistryException.class)
          .hasMessageContaining(target);

      String address = target.substring(0, target.indexOf(':'));
      RegistryClient bypass = RegistryClient.builder().tls(tls).retry(RetryPolicy.NONE)
          .proxies(EnvironmentProxies.of(Map.of("HTTPS_PROXY", withCredentials, "NO_PROXY",
              "example.com," + address.substring(0, address.lastIndexOf('.')) + ".0/24"))).build();
      assertThat(bypass.proxyFor(target).describe()).isEqualTo("direct (NO_PROXY)");
      roundTrip(bypass, target);
      assertThat(count(proxy.log(), "Established connection to host")).isEqualTo(tunnels);
    }
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
