package dev.sociscope.core.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Debian's {@code docker-registry} serving TLS at an address that is not loopback: a fresh network namespace
 * (unique name per run) joined to this one by a veth pair on a random {@code 10.x.y.0/30}; the registry listens on
 * the namespace's end. Needs root ({@code ip netns}); the namespace, the veth pair and the registry's folder are
 * removed on {@link #close()}.
 */
public final class NetnsRegistry implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int PORT = 5443;

  private final String namespace;
  private final String hostVeth;
  private final String hostAddress;
  private final String registryAddress;
  private final Path dir;
  private Process process;
  private TestPki.Pair server;

  private NetnsRegistry(String namespace, String hostVeth, String hostAddress, String registryAddress, Path dir) {
    this.namespace = namespace;
    this.hostVeth = hostVeth;
    this.hostAddress = hostAddress;
    this.registryAddress = registryAddress;
    this.dir = dir;
  }

  /**
   * Starts a registry whose TLS certificate {@code pki} issues for its address; with {@code requireClientCertificates}
   * it also wants client certificates issued by {@code pki} ({@code http.tls.clientcas}).
   */
  public static NetnsRegistry start(TestPki pki, boolean requireClientCertificates) throws IOException {
    ExternalTools.require(LocalRegistry.BINARY.toString());
    ExternalTools.require("ip");
    String id = HexFormat.of().toHexDigits(RANDOM.nextInt()).substring(0, 6);
    String net = "10." + (100 + RANDOM.nextInt(150)) + "." + RANDOM.nextInt(256) + ".";
    int c = RANDOM.nextInt(64) * 4;
    NetnsRegistry r = new NetnsRegistry("soci-tls-" + id, "stv" + id + "a", net + (c + 1), net + (c + 2),
        Files.createTempDirectory("sociscope-netns-registry-"));
    try {
      r.setUpNetwork("stv" + id + "b");
      r.server = pki.server("registry-" + id, "IP:" + r.registryAddress);
      r.startRegistry(r.server, requireClientCertificates ? pki.caCertificate() : null);
      return r;
    } catch (IOException | RuntimeException e) {
      r.close();
      throw e;
    }
  }

  private void setUpNetwork(String nsVeth) throws IOException {
    sh(List.of("ip", "netns", "add", namespace));
    sh(List.of("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", nsVeth));
    sh(List.of("ip", "link", "set", nsVeth, "netns", namespace));
    sh(List.of("ip", "addr", "add", hostAddress + "/30", "dev", hostVeth));
    sh(List.of("ip", "link", "set", hostVeth, "up"));
    sh(List.of("ip", "netns", "exec", namespace, "ip", "addr", "add", registryAddress + "/30", "dev", nsVeth));
    sh(List.of("ip", "netns", "exec", namespace, "ip", "link", "set", nsVeth, "up"));
    sh(List.of("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up"));
  }

  private void startRegistry(TestPki.Pair server, Path clientCa) throws IOException {
    StringBuilder yml = new StringBuilder()
        .append("version: 0.1\n")
        .append("log:\n  level: warn\n  accesslog:\n    disabled: true\n")
        .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("data")).append('\n')
        .append("  delete:\n    enabled: true\n")
        .append("http:\n  addr: ").append(registryAddress).append(':').append(PORT).append('\n')
        .append("  secret: sociscope-test-secret\n")
        .append("  tls:\n    certificate: ").append(server.certificate()).append('\n')
        .append("    key: ").append(server.key()).append('\n');
    if (clientCa != null) {
      yml.append("    clientcas:\n      - ").append(clientCa).append('\n');
    }
    Path config = dir.resolve("config.yml");
    Files.writeString(config, yml);
    process = new ProcessBuilder("ip", "netns", "exec", namespace, LocalRegistry.BINARY.toString(), "serve",
        config.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("docker-registry exited: " + log());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(registryAddress, PORT), 500);
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    throw new IOException("docker-registry in " + namespace + " did not listen within 20 s: " + log());
  }

  /** The registry's own certificate file (PEM). */
  public Path serverCertificate() {
    return server.certificate();
  }

  /** {@code ADDRESS:PORT}, the registry part of references. */
  public String host() {
    return registryAddress + ":" + PORT;
  }

  public String log() {
    try {
      return Files.readString(dir.resolve("registry.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() {
    if (process != null) {
      ExternalTools.stop(process);
    }
    quietly(List.of("ip", "link", "del", hostVeth));
    quietly(List.of("ip", "netns", "del", namespace));
    LocalRegistry.deleteTree(dir);
  }

  private static void quietly(List<String> command) {
    try {
      sh(command);
    } catch (IOException ignored) {
      // already gone
    }
  }

  private static void sh(List<String> command) throws IOException {
    TestImages.run(command.toArray(new String[0]));
  }

  private static void sleep(long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
