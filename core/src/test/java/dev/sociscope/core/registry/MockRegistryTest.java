package dev.sociscope.core.registry;

import dev.sociscope.core.image.ImageReference;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;
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
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    client = clientBuilder().build();
    repo = client.repository(ImageReference.parse("127.0.0.1:" + server.getPort() + "/team/app:1"));
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }

  /**
   * Server sockets whose connections send at once. MockWebServer writes a response's head and body separately; with
   * Nagle's algorithm the body then waits for the client's delayed ACK (about 40 ms a response), which made the
   * tests that follow a thousand pages take minutes. Registries (Go's net/http) set TCP_NODELAY as well.
   */
  static final class NoDelayServerSockets extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new ServerSocket() {
        @Override
        public Socket accept() throws IOException {
          Socket s = super.accept();
          s.setTcpNoDelay(true);
          return s;
        }
      };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }
  }
}
