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
    return RegistryClient.builder();
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
