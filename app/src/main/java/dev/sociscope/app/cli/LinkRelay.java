package dev.sociscope.app.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback in front of a registry, for {@code bench --remote}: counts the bytes each way and can
 * play a slower link: a shared bandwidth per direction (a packet leaves when the link is free, as on one wire) and
 * half the round trip of delay each way; a new connection pays one more round trip, as TCP's handshake does.
 */
final class LinkRelay implements Closeable {
  private static final int CHUNK = 16 << 10;
  private final ServerSocket server;
  private final String host;
  private final int port;
  private final long bitsPerSecond;
  private final long oneWayNanos;
  private final Direction down = new Direction();
  private final Direction up = new Direction();

  /** One direction of the link: when it is next free, and what crossed it. */
  private static final class Direction {
    long freeAt;
    final AtomicLong bytes = new AtomicLong();
  }

  /**
   * @param bitsPerSecond 0 for no limit
   * @param rttMillis round trip added (0 for none)
   */
  LinkRelay(String host, int port, long bitsPerSecond, long rttMillis) throws IOException {
    this.host = host;
    this.port = port;
    this.bitsPerSecond = bitsPerSecond;
    this.oneWayNanos = rttMillis * 500_000L;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "link-relay-accept");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Bytes from the registry to the client so far. */
  long bytesDown() {
    return down.bytes.get();
  }

  long bytesUp() {
    return up.bytes.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client = null;
      try {
        client = server.accept();
        Socket target = new Socket(host, port);
        client.setTcpNoDelay(true);
        target.setTcpNoDelay(true);
        long handshake = System.nanoTime() + 2 * oneWayNanos;
        pump(client, target, up, handshake);
        pump(target, client, down, handshake);
      } catch (IOException e) {
        // closed, or the registry refused this connection: the client sees its connection end
        if (client != null) {
          try {
            client.close();
          } catch (IOException ignored) {
            // nothing more to do
          }
        }
      }
    }
  }

  /** Reads from one socket and delivers to the other when the simulated link would have. */
  private void pump(Socket from, Socket to, Direction dir, long notBefore) {
    BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(64); // at most 1 MiB in flight per direction
    Thread reader = new Thread(() -> {
      try (InputStream in = from.getInputStream()) {
        byte[] buf = new byte[CHUNK];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          long deliverAt;
          synchronized (dir) {
            long start = Math.max(Math.max(System.nanoTime(), dir.freeAt), notBefore);
            dir.freeAt = start + (bitsPerSecond == 0 ? 0 : n * 8L * 1_000_000_000L / bitsPerSecond);
            deliverAt = dir.freeAt + oneWayNanos;
          }
          dir.bytes.addAndGet(n);
          queue.put(new Object[] {deliverAt, Arrays.copyOf(buf, n)});
        }
      } catch (IOException | InterruptedException e) {
        // the connection ended
      }
      try {
        queue.put(new Object[] {0L, null});
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "link-relay-read");
    Thread writer = new Thread(() -> {
      try (OutputStream out = to.getOutputStream()) {
        while (true) {
          Object[] item = queue.take();
          if (item[1] == null) {
            break;
          }
          long wait = (long) item[0] - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
          out.write((byte[]) item[1]);
          out.flush();
        }
        to.shutdownOutput();
      } catch (IOException | InterruptedException e) {
        // the other side went away
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException e) {
          // nothing more to do
        }
      }
    }, "link-relay-write");
    reader.setDaemon(true);
    writer.setDaemon(true);
    reader.start();
    writer.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
