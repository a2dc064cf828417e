package dev.sociscope.core.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's {@code tinyproxy} on 127.0.0.1 and a free port, logging every connection it opens (Info level), with
 * optional Basic proxy authentication. Start one per test class and close it afterwards.
 */
public final class TinyProxy implements AutoCloseable {
  private final Path dir;
  private final Process process;
  private final int port;

  private TinyProxy(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  /** A proxy; with {@code user} non-null it wants {@code user:password} (HTTP 407 otherwise). */
  public static TinyProxy start(String user, String password) throws IOException {
    ExternalTools.require("tinyproxy");
    Path dir = Files.createTempDirectory("sociscope-tinyproxy-");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    Path conf = dir.resolve("tinyproxy.conf");
    Files.writeString(conf, "Port " + port + "\nListen 127.0.0.1\nTimeout 60\nLogFile \"" + dir.resolve("log")
        + "\"\nLogLevel Info\nMaxClients 20\nAllow 127.0.0.1\n"
        + (user == null ? "" : "BasicAuth " + user + " " + password + "\n"));
    Process p = new ProcessBuilder("tinyproxy", "-d", "-c", conf.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("stdout").toFile()).start();
    TinyProxy proxy = new TinyProxy(dir, p, port);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return proxy;
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          break;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    proxy.close();
    throw new IOException("tinyproxy did not start");
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** What tinyproxy logged so far. */
  public String log() {
    try {
      return Files.exists(dir.resolve("log")) ? Files.readString(dir.resolve("log")) : "";
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    ExternalTools.stop(process);
    LocalRegistry.deleteTree(dir);
  }
}
