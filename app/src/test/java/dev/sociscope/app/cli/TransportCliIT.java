package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.registry.transport.CertsDirectories;
import dev.sociscope.core.testing.NetnsRegistry;
import dev.sociscope.core.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport flags on a registry command, against Debian's registry serving TLS at a non-loopback address (a
 * network namespace) from a CA the test makes, and against a server that accepts and never answers.
 */
class TransportCliIT {
  @TempDir static Path dir;
  static TestPki pki;
  static NetnsRegistry registry;
  static NetnsRegistry mutual;

  @BeforeAll
  static void start() throws IOException {
    // No certs.d of the machine may make the first test pass by accident.
    System.setProperty(CertsDirectories.ROOTS_PROPERTY, dir.resolve("no-certs.d").toString());
    pki = TestPki.create(dir.resolve("pki"), "Sociscope CLI Test CA");
    registry = NetnsRegistry.start(pki, false);
    mutual = NetnsRegistry.start(pki, true);
  }

  @AfterAll
  static void stop() {
    System.clearProperty(CertsDirectories.ROOTS_PROPERTY);
    if (registry != null) {
      registry.close();
    }
    if (mutual != null) {
      mutual.close();
    }
  }

  @Test
  void untrustedCertificateIsOneSentenceAndTlsCaCertFixesIt() {
    CliTestSupport.Result refused = CliTestSupport.run("ls-repos", registry.host());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).isEqualTo("sociscope: the certificate of " + registry.host() + " is not trusted:"
        + " issued by CN=Sociscope CLI Test CA, not in the system store or the CA files given; use --tls-ca-cert"
        + " or certs.d" + System.lineSeparator());

    CliTestSupport.Result ok = CliTestSupport.run("ls-repos", registry.host(), "--tls-ca-cert",
        pki.caCertificate().toString());
    assertThat(ok.err()).isEmpty();
    assertThat(ok.exitCode()).isZero();
  }

  @Test
  void certsDFolderIsReadForTheHost() throws IOException {
    Path root = dir.resolve("certs.d");
    Files.createDirectories(root.resolve(registry.host()));
    Files.copy(pki.caCertificate(), root.resolve(registry.host()).resolve("ca.crt"));
    System.setProperty(CertsDirectories.ROOTS_PROPERTY, root.toString());
    try {
      CliTestSupport.Result ok = CliTestSupport.run("ls-repos", registry.host());
      assertThat(ok.err()).isEmpty();
      assertThat(ok.exitCode()).isZero();
    } finally {
      System.setProperty(CertsDirectories.ROOTS_PROPERTY, dir.resolve("no-certs.d").toString());
    }
  }

  @Test
  void insecureWorksAndWarnsEachTime() {
    for (int i = 0; i < 2; i++) {
      CliTestSupport.Result r = CliTestSupport.run("ls-repos", registry.host(), "--insecure");
      assertThat(r.exitCode()).isZero();
      assertThat(r.err()).isEqualTo(RegistryOptions.INSECURE_WARNING + System.lineSeparator());
    }
  }

  @Test
  void clientCertificateFlags() throws IOException {
    TestPki.Pair bob = pki.client("bob");
    String ca = pki.caCertificate().toString();
    CliTestSupport.Result ok = CliTestSupport.run("ls-repos", mutual.host(), "--tls-ca-cert", ca,
        "--tls-cert", bob.certificate().toString(), "--tls-key", bob.key().toString());
    assertThat(ok.err()).isEmpty();
    assertThat(ok.exitCode()).isZero();

    CliTestSupport.Result without = CliTestSupport.run("ls-repos", mutual.host(), "--tls-ca-cert", ca);
    assertThat(without.exitCode()).isEqualTo(1);
    assertThat(without.err()).isEqualTo("sociscope: " + mutual.host() + " wants a client certificate and did not"
        + " accept one; use --tls-cert and --tls-key, or certs.d" + System.lineSeparator());

    CliTestSupport.Result half = CliTestSupport.run("ls-repos", mutual.host(), "--tls-cert",
        bob.certificate().toString());
    assertThat(half.exitCode()).isEqualTo(1);
    assertThat(half.err()).isEqualTo("sociscope: --tls-cert needs --tls-key (the client certificate's private key)"
        + System.lineSeparator());
  }

  @Test
  void badTimeoutIsOneLine() {
    CliTestSupport.Result r = CliTestSupport.run("ls-repos", registry.host(), "--timeout", "5x");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("sociscope: not a time-out: '5x' (use a positive duration such as 500ms, 5s, 2m"
        + " or 1h)" + System.lineSeparator());
  }

  @Test
  void serverThatNeverAnswersEndsWithinSecondsOfTheTimeout() throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Thread t = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            Socket s = server.accept();
            synchronized (held) {
              held.add(s);
            }
            Thread drain = new Thread(() -> {
              try (InputStream in = s.getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
              } catch (IOException ignored) {
                // closed
              }
            });
            drain.setDaemon(true);
            drain.start();
          } catch (IOException closed) {
            return;
          }
        }
      });
      t.setDaemon(true);
      t.start();
      String host = "127.0.0.1:" + server.getLocalPort();
      long start = System.nanoTime();
      CliTestSupport.Result r = CliTestSupport.run("ls-tags", host + "/team/app", "--timeout", "5s");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).startsWith("sociscope: ").contains(host).contains("5s")
          .hasLineCount(1);
      assertThat(took).isLessThan(Duration.ofSeconds(8)).isGreaterThanOrEqualTo(Duration.ofMillis(4500));
    } finally {
      synchronized (held) {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }

  @Test
  void refusedAndUnknownHostsInWords() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    long start = System.nanoTime();
    CliTestSupport.Result refused = CliTestSupport.run("ls-repos", "127.0.0.1:" + port, "--timeout", "3s");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).startsWith("sociscope: cannot reach 127.0.0.1:" + port + ": connection refused");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    CliTestSupport.Result unknown = CliTestSupport.run("ls-repos", "registry.example.invalid");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("sociscope: no such host registry.example.invalid");
  }
}
