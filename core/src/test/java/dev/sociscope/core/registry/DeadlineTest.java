package dev.sociscope.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.error.ErrorKind;
import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.image.ImageReference;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.registry.transport.Timeouts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Servers a real registry does not imitate on demand, on real sockets: one that accepts and never answers, one that
 * trickles a byte at a time, one that answers 503 forever. Neither a time-out per retry nor a trickle may keep a
 * command alive past {@code --timeout}.
 */
class DeadlineTest {
  private final List<Socket> open = new ArrayList<>();
  private ServerSocket server;
  private final AtomicInteger accepted = new AtomicInteger();

  /** Accepts connections on 127.0.0.1 and hands each to {@code behaviour} on its own thread. */
  private String serve(Consumer<Socket> behaviour) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          accepted.incrementAndGet();
          synchronized (open) {
            open.add(s);
          }
          Thread worker = new Thread(() -> behaviour.accept(s));
          worker.setDaemon(true);
          worker.start();
        } catch (IOException closed) {
          return;
        }
      }
    });
    t.setDaemon(true);
    t.start();
    return "127.0.0.1:" + server.getLocalPort();
  }

  @AfterEach
  void close() throws IOException {
    if (server != null) {
      server.close();
    }
    synchronized (open) {
      for (Socket s : open) {
        s.close();
      }
    }
  }

  private static void silent(Socket s) {
    try (InputStream in = s.getInputStream()) {
      in.transferTo(OutputStream.nullOutputStream()); // read forever, answer nothing
    } catch (IOException ignored) {
      // closed
    }
  }

  @Test
  void aStalledServerCostsOneReadTimeOutNotOnePerRetry() throws Exception {
    String host = serve(DeadlineTest::silent);
    RegistryClient client = RegistryClient.builder().plainHttp(host)
        .timeouts(Duration.ofSeconds(2), Duration.ofMillis(500)).build();
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.repository(ImageReference.parse(host + "/team/app:1")).manifest("1"))
        .isInstanceOf(SociscopeException.class)
        .hasMessageStartingWith(host + " accepted the connection but sent no answer within 500ms (while trying to"
            + " get manifest " + host + "/team/app:1)")
        .satisfies(e -> assertThat(SociscopeException.kindOf(e)).isEqualTo(ErrorKind.UNREACHABLE));
    assertThat(accepted.get()).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void timeoutBoundsAStalledServerThroughTheLoopbackProbeToo() throws Exception {
    String host = serve(DeadlineTest::silent);
    // No plainHttp: the client first asks the loopback server for TLS, which also never answers.
    RegistryClient client = RegistryClient.builder().timeouts(Timeouts.overall(Duration.ofSeconds(2))).build();
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.repository(ImageReference.parse(host + "/team/app:1")).manifest("1"))
        .isInstanceOf(SociscopeException.class).hasMessageContaining(host);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(4500));
  }

  @Test
  void aTricklingServerIsCutAtTheDeadline() throws Exception {
    byte[] blob = new byte[100_000];
    String host = serve(s -> {
      try (InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
        in.read(new byte[8192]);
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + blob.length
            + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < blob.length; i++) {
          out.write(0);
          out.flush();
          Thread.sleep(100); // well under any read time-out
        }
      } catch (IOException | InterruptedException ignored) {
        // client went away
      }
    });
    RegistryClient client = RegistryClient.builder().plainHttp(host)
        .timeouts(Timeouts.overall(Duration.ofSeconds(2))).build();
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.repository(ImageReference.parse(host + "/team/app:1")).readBlob(Digest.of(blob)))
        .isInstanceOf(SociscopeException.class).hasMessageContaining("time-out of 2s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void retriesEndAtTheDeadline() throws Exception {
    String host = serve(s -> {
      try (InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
        while (in.read(new byte[8192]) > 0) {
          out.write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      } catch (IOException ignored) {
        // closed
      }
    });
    RegistryClient client = RegistryClient.builder().plainHttp(host)
        .retry(new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60)))
        .timeouts(Timeouts.overall(Duration.ofMillis(1500))).build();
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.repository(ImageReference.parse(host + "/team/app:1")).manifest("1"))
        .isInstanceOf(SociscopeException.class).hasMessageContaining(host)
        .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("answered HTTP 503", "time-out of 1500ms"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  private static final RetryPolicy SLOW_RETRIES =
      new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60));

  @Test
  void aBlobDownloadAnswered503StopsRetryingAtTheDeadline() throws Exception {
    String host = serve(s -> {
      try (InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
        while (in.read(new byte[8192]) > 0) {
          out.write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      } catch (IOException ignored) {
        // closed
      }
    });
    RegistryClient client = RegistryClient.builder().plainHttp(host).retry(SLOW_RETRIES)
        .timeouts(Timeouts.overall(Duration.ofMillis(1500))).build();
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.repository(ImageReference.parse(host + "/team/app:1"))
        .readBlob(Digest.of(new byte[10])))
        .isInstanceOf(SociscopeException.class).hasMessageContaining(host);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  /**
   * Every answer breaks off half-way through the body, so the download resumes with growing waits (1 s, 2 s, 4 s
   * ...). Before the waits went through the deadline, the second wait ran a second past a 1.5 s {@code --timeout}.
   */
  @Test
  void resumeWaitsOfABlobDownloadEndAtTheDeadline() throws Exception {
    byte[] blob = new byte[100_000];
    String host = serve(s -> {
      try (InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
        in.read(new byte[8192]);
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + blob.length
            + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(blob, 0, 1000);
        out.flush();
      } catch (IOException ignored) {
        // client went away
      }
      try {
        s.close(); // the connection breaks after 1000 bytes
      } catch (IOException ignored) {
        // already closed
      }
    });
    RegistryClient client = RegistryClient.builder().plainHttp(host).retry(SLOW_RETRIES)
        .timeouts(Timeouts.overall(Duration.ofMillis(1500))).build();
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.repository(ImageReference.parse(host + "/team/app:1")).readBlob(Digest.of(blob)))
        .isInstanceOf(SociscopeException.class)
        .hasMessageStartingWith("gave up on " + host + ": the time-out of 1500ms was reached (while trying to get blob")
        .satisfies(e -> assertThat(SociscopeException.kindOf(e)).isEqualTo(ErrorKind.UNREACHABLE));
    assertThat(accepted.get()).isEqualTo(2);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }
}
