package dev.sociscope.core.registry.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sociscope.core.image.ImageReference;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.registry.RetryPolicy;
import dev.sociscope.core.testing.SelfSignedServerTls;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loopback probe tells a TLS server from a plain one with a hand-written ClientHello: JDK TLS servers of both
 * versions (and one that wants a client certificate) answer it; plain HTTP, silent and closing servers do not; a
 * loopback server that speaks TLS is then verified like any other (issue 14 item 2).
 */
class TlsProbeTest {
  private static final Duration SHORT = Duration.ofSeconds(2);
  private static SSLContext serverTls;

  @BeforeAll
  static void serverCertificate(@TempDir Path dir) throws Exception {
    serverTls = SelfSignedServerTls.create(dir, "localhost", "ip:127.0.0.1");
  }

  /** A TLS server on loopback that handshakes each connection (or fails trying) and closes it. */
  private static Result tlsServer(String[] protocols, boolean wantsClientCertificate) throws Exception {
    SSLServerSocket server = (SSLServerSocket) serverTls.getServerSocketFactory().createServerSocket(0, 5,
        InetAddress.getByName("127.0.0.1"));
    server.setEnabledProtocols(protocols);
    server.setNeedClientAuth(wantsClientCertificate);
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try (SSLSocket s = (SSLSocket) server.accept()) {
          s.setSoTimeout(2000);
          s.startHandshake();
        } catch (Exception e) {
          // the probe never finishes a handshake
        }
      }
    });
    t.setDaemon(true);
    t.start();
    return new Result(server, TlsProbe.probe("127.0.0.1", server.getLocalPort(), SHORT, SHORT));
  }

  private record Result(ServerSocket server, TlsProbe.Result probe) {}

  @Test
  void tlsServersOfBothVersionsAndOneWantingAClientCertificateSpeakTls() throws Exception {
    for (String[] protocols : new String[][] {{"TLSv1.3"}, {"TLSv1.2"}, {"TLSv1.3", "TLSv1.2"}}) {
      for (boolean clientCert : new boolean[] {false, true}) {
        Result r = tlsServer(protocols, clientCert);
        try (ServerSocket ignored = r.server()) {
          assertThat(r.probe()).as(String.join(",", protocols) + " client certificate " + clientCert)
              .isEqualTo(TlsProbe.Result.SPEAKS_TLS);
        }
      }
    }
  }

  @Test
  void aPlainHttpServerASilentOneAndOneThatClosesDoNot() throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    http.createContext("/", exchange -> {
      exchange.sendResponseHeaders(400, -1);
      exchange.close();
    });
    http.start();
    try {
      assertThat(TlsProbe.probe("127.0.0.1", http.getAddress().getPort(), SHORT, SHORT))
          .isEqualTo(TlsProbe.Result.PLAIN);
    } finally {
      http.stop(0);
    }

    CountDownLatch done = new CountDownLatch(1);
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      Thread t = new Thread(() -> {
        try (Socket s = silent.accept()) {
          done.await(5, TimeUnit.SECONDS); // reads nothing, says nothing
        } catch (Exception e) {
          // closed by the test
        }
      });
      t.setDaemon(true);
      t.start();
      assertThat(TlsProbe.probe("127.0.0.1", silent.getLocalPort(), SHORT, Duration.ofMillis(300)))
          .isEqualTo(TlsProbe.Result.PLAIN);
      done.countDown();
    }

    try (ServerSocket closing = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      Thread t = new Thread(() -> {
        try (Socket s = closing.accept()) {
          // closes at once
        } catch (Exception e) {
          // closed by the test
        }
      });
      t.setDaemon(true);
      t.start();
      assertThat(TlsProbe.probe("127.0.0.1", closing.getLocalPort(), SHORT, SHORT)).isEqualTo(TlsProbe.Result.PLAIN);
    }
  }

  @Test
  void nothingListeningLeavesTheAnswerOpen() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    assertThat(TlsProbe.probe("127.0.0.1", port, SHORT, SHORT)).isEqualTo(TlsProbe.Result.UNKNOWN);
  }

  @Test
  void theHelloIsAWellFormedHandshakeRecord() {
    byte[] hello = TlsProbe.clientHello();
    assertThat(hello[0]).isEqualTo((byte) 0x16);
    int recordLength = ((hello[3] & 0xff) << 8) | (hello[4] & 0xff);
    assertThat(hello).hasSize(5 + recordLength);
    assertThat(hello[5]).as("client_hello").isEqualTo((byte) 1);
    int bodyLength = ((hello[6] & 0xff) << 16) | ((hello[7] & 0xff) << 8) | (hello[8] & 0xff);
    assertThat(bodyLength).isEqualTo(recordLength - 4);
  }

  @Test
  void aLoopbackServerThatSpeaksTlsIsVerifiedLikeAnyOther() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.useHttps(serverTls.getSocketFactory(), false);
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      server.enqueue(new MockResponse().setBody("never read"));
      RegistryClient client = RegistryClient.builder().retry(RetryPolicy.NONE).build();
      ImageReference ref = ImageReference.parse("127.0.0.1:" + server.getPort() + "/team/app:1");
      assertThat(client.allowsPlainHttp(ref.apiHost())).isFalse();
      assertThat(client.baseUrl(ref.apiHost()).scheme()).isEqualTo("https");
      assertThatThrownBy(() -> client.repository(ref).readBlob(Digest.of(new byte[] {1})))
          .isInstanceOf(UntrustedCertificateException.class)
          .hasMessageStartingWith("the certificate of 127.0.0.1:" + server.getPort() + " is not trusted");
    }
  }
}
