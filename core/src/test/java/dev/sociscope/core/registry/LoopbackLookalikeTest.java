package dev.sociscope.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.image.ImageReference;
import dev.sociscope.core.registry.auth.CredentialProvider;
import dev.sociscope.core.registry.auth.Credentials;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * A registry named {@code 127.0.0.1.example} is an ordinary host, wherever DNS points it: it gets HTTPS, and Basic
 * credentials never travel in the clear. The "server" records every byte it receives.
 */
class LoopbackLookalikeTest {
  @Test
  void lookalikeGetsTlsAndNoCredentialsInTheClear() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      Thread t = new Thread(() -> {
        try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
          s.setSoTimeout(3000);
          byte[] buf = new byte[8192];
          int n;
          while ((n = in.read(buf)) > 0) {
            synchronized (received) {
              received.write(buf, 0, n);
            }
            // a plain HTTP answer, as a plain registry would give
            s.getOutputStream().write("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"r\"\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
          }
        } catch (Exception ignored) {
          // closed
        }
      });
      t.setDaemon(true);
      t.start();
      String host = "127.0.0.1.example:" + server.getLocalPort();
      // The look-alike name resolves to this machine, as a hostile DNS answer could make it.
      OkHttpClient base = new OkHttpClient.Builder().dns(h -> List.of(InetAddress.getByName("127.0.0.1"))).build();
      RegistryClient client = RegistryClient.builder().okHttpClient(base).retry(RetryPolicy.NONE)
          .credentials(CredentialProvider.forHost(host, Credentials.basic("alice", "secret-password"))).build();
      assertThat(client.allowsPlainHttp(host)).isFalse();
      assertThat(client.baseUrl(host).scheme()).isEqualTo("https");
      assertThatThrownBy(() -> client.repository(ImageReference.parse(host + "/team/app:1")).manifest("1"))
          .isInstanceOf(RegistryException.class).hasMessageContaining(host);
      t.join(5000);
      byte[] bytes;
      synchronized (received) {
        bytes = received.toByteArray();
      }
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      assertThat(bytes).isNotEmpty();
      assertThat(bytes[0]).as("a TLS handshake record, not an HTTP request").isEqualTo((byte) 0x16);
      assertThat(text).doesNotContain("Authorization").doesNotContain("GET /v2/")
          .doesNotContain(java.util.Base64.getEncoder().encodeToString("alice:secret-password".getBytes(
              StandardCharsets.UTF_8)));
    }
  }
}
