package dev.sociscope.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real CNCF registry ({@code /usr/bin/docker-registry}, Debian's 2.8) for tests: listens on 127.0.0.1 on a free
 * port, stores into a temporary folder, deletion enabled, optionally behind htpasswd Basic auth (bcrypt, made with
 * {@code htpasswd -Bbn}). Start one per test class ({@code @BeforeAll}) and close it afterwards.
 *
 * <p>Never uses the system's default configuration (which listens on all interfaces).
 */
public final class LocalRegistry implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/docker-registry");
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final Path dir;
  private Process process;
  private final int port;
  private final String username;
  private final String password;

  private LocalRegistry(Path dir, Process process, int port, String username, String password) {
    this.dir = dir;
    this.process = process;
    this.port = port;
    this.username = username;
    this.password = password;
  }

  /** A registry without authentication. */
  public static LocalRegistry start() throws IOException {
    return start(null, null);
  }

  /** A registry with htpasswd Basic authentication for one user. */
  public static LocalRegistry startWithBasicAuth(String username, String password) throws IOException {
    return start(username, password, null);
  }

  /** A registry that wants Bearer tokens from {@code tokens} (its signing certificate is trusted). */
  public static LocalRegistry startWithTokenAuth(TokenServer tokens) throws IOException {
    return start(null, null, tokens);
  }

  private static LocalRegistry start(String username, String password) throws IOException {
    return start(username, password, null);
  }

  /**
   * A registry without authentication that writes an access log line per request (combined log format, with the
   * status and the bytes it sent) to {@link #log()}: what tests compare byte counts against.
   */
  public static LocalRegistry startWithAccessLog() throws IOException {
    return start(null, null, null, true);
  }

  private static LocalRegistry start(String username, String password, TokenServer tokens) throws IOException {
    return start(username, password, tokens, false);
  }

  private static LocalRegistry start(String username, String password, TokenServer tokens, boolean accessLog)
      throws IOException {
    ExternalTools.require(BINARY.toString());
    if (username != null) {
      ExternalTools.require("htpasswd");
    }
    Path dir = Files.createTempDirectory("sociscope-registry-");
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Path config = dir.resolve("config.yml");
      StringBuilder yml = new StringBuilder()
          .append("version: 0.1\n")
          .append("log:\n  level: warn\n  accesslog:\n    disabled: ").append(!accessLog).append('\n')
          .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("data")).append('\n')
          .append("  delete:\n    enabled: true\n")
          .append("http:\n  addr: 127.0.0.1:").append(port).append('\n')
          .append("  secret: sociscope-test-secret\n");
      if (username != null) {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, htpasswdLine(username, password));
        yml.append("auth:\n  htpasswd:\n    realm: sociscope-test\n    path: ").append(htpasswd).append('\n');
      }
      if (tokens != null) {
        yml.append("auth:\n  token:\n    realm: ").append(tokens.realm()).append('\n')
            .append("    service: ").append(TokenServer.SERVICE).append('\n')
            .append("    issuer: ").append(TokenServer.ISSUER).append('\n')
            .append("    rootcertbundle: ").append(tokens.certificateBundle()).append('\n');
      }
      Files.writeString(config, yml);
      Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("registry.log").toFile())
          .start();
      LocalRegistry registry = new LocalRegistry(dir, process, port, username, password);
      try {
        registry.awaitReady();
        return registry;
      } catch (IOException e) {
        last = e;
        process.destroyForcibly();
      }
    }
    deleteTree(dir);
    throw last;
  }

  private static String htpasswdLine(String username, String password) throws IOException {
    Process p = new ProcessBuilder("htpasswd", "-Bbn", username, password).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
        throw new IOException("htpasswd -Bbn failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return out + "\n";
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("docker-registry exited: " + log());
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl() + "/v2/").toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(1000);
        int code = c.getResponseCode();
        c.disconnect();
        if (code == 200 || code == 401) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IOException("docker-registry did not become ready within " + STARTUP.toSeconds() + " s: " + log());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /** {@code 127.0.0.1:PORT}: the registry part of references. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  public String baseUrl() {
    return "http://" + host();
  }

  public int port() {
    return port;
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  public boolean hasAuth() {
    return username != null;
  }

  /** {@code 127.0.0.1:PORT/<repoAndTag>}. */
  public String ref(String repoAndTag) {
    return host() + "/" + repoAndTag;
  }

  /** The {@code Authorization} value for the test user, for raw HTTP checks in tests. */
  public String basicAuthorization() {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** skopeo arguments for this registry as destination or source ({@code --dest-creds}, TLS off). */
  public List<String> skopeoArgs(boolean destination) {
    String prefix = destination ? "--dest-" : "--src-";
    if (username == null) {
      return List.of(prefix + "tls-verify=false");
    }
    return List.of(prefix + "tls-verify=false", prefix + "creds=" + username + ":" + password);
  }

  public String log() {
    try {
      return Files.readString(dir.resolve("registry.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** Kills the registry process (as a crash would); the storage stays for {@link #restart()}. */
  public void stop() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts the registry again on the same port and storage. */
  public void restart() throws IOException {
    if (process.isAlive()) {
      stop();
    }
    process = new ProcessBuilder(BINARY.toString(), "serve", dir.resolve("config.yml").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile()))
        .start();
    awaitReady();
  }

  @Override
  public void close() {
    ExternalTools.stop(process);
    deleteTree(dir);
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
