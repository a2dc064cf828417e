package dev.sociscope.core.registry;

import dev.sociscope.core.image.ImageReference;
import java.io.IOException;
import java.net.InetAddress;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the tests that script a registry: a MockWebServer on 127.0.0.1 and the repository {@code team/app} on it. */
abstract class MockRegistryTest {
  MockWebServer server;
  RegistryClient client;
  RemoteRepository repo;

  /** The client the test talks through; tests that tune retries override this. */
  RegistryClient.Builder clientBuilder() {
    return plainHttpTo(RegistryClient.builder(), server);
  }

  /**
   * Allows plain HTTP to the scripted servers, by both names the tests use. Without it the client would first ask
   * each loopback server for TLS, and a MockWebServer counts that handshake as a (garbled) request.
   */
  static RegistryClient.Builder plainHttpTo(RegistryClient.Builder builder, MockWebServer... servers) {
    for (MockWebServer s : servers) {
      builder.plainHttp("127.0.0.1:" + s.getPort()).plainHttp("localhost:" + s.getPort());
    }
    return builder;
  }

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    client = clientBuilder().build();
    repo = client.repository(ImageReference.parse("127.0.0.1:" + server.getPort() + "/team/app:1"));
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }
}
