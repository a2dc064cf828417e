package dev.sociscope.core.registry;

import dev.sociscope.core.image.ImageReference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.testing.SelfSignedServerTls;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS for every non-loopback registry, certificates verified unless --insecure. */
class TlsIT {
  @Test
  void selfSignedCertificateIsRefusedUnlessInsecure(@TempDir Path dir) throws Exception {
    SSLContext ssl = SelfSignedServerTls.create(dir, "registry.test", "dns:registry.test");

    byte[] blob = "over tls".getBytes(StandardCharsets.UTF_8);
    try (MockWebServer server = new MockWebServer()) {
      server.useHttps(ssl.getSocketFactory(), false);
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      server.enqueue(new MockResponse().setBody(new Buffer().write(blob)));
      // "registry.test" is not loopback by name, so the client must use HTTPS; it resolves to the test server.
      OkHttpClient base = new OkHttpClient.Builder()
          .dns(host -> List.of(InetAddress.getByName("127.0.0.1"))).build();
      ImageReference ref = ImageReference.parse("registry.test:" + server.getPort() + "/team/app:1");

      RegistryClient strict = RegistryClient.builder().okHttpClient(base).retry(RetryPolicy.NONE).build();
      assertThat(strict.baseUrl(ref.apiHost()).scheme()).isEqualTo("https");
      assertThatThrownBy(() -> strict.repository(ref).readBlob(Digest.of(blob)))
          .isInstanceOf(dev.sociscope.core.registry.transport.UntrustedCertificateException.class)
          .hasMessage("the certificate of registry.test:" + server.getPort() + " is not trusted: issued by"
              + " CN=registry.test (self-signed), not in the system store or the CA files given; use --tls-ca-cert"
              + " or certs.d");

      RegistryClient insecure = RegistryClient.builder().okHttpClient(base).insecure(true).build();
      assertThat(insecure.repository(ref).readBlob(Digest.of(blob))).isEqualTo(blob);
      assertThat(server.takeRequest().getRequestUrl().isHttps()).isTrue();
    }
  }
}
