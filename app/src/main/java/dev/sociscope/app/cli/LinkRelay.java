package dev.sociscope.app.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay on loopback in front of a registry, for {@code bench --remote}: counts the bytes each way and can
 * play a slower link: a shared bandwidth per direction (a packet leaves when the link is free, as on one wire) and
 * half the round trip of delay each way; a new connection pays one more round trip, as TCP's handshake does. It also
 * keeps each plain-HTTP request it passes, with when its answer arrived ({@link Exchange}), so that a benchmark can
 * show where a read's time went; of a request it keeps the method, the path without its query, and the range.
 */
final class LinkRelay implements Closeable {
  private static final int CHUNK = 16 << 10;
  /** A request's first line; its query is dropped (it is nobody's business here, and may carry a token). */
  private static final Pattern REQUEST_LINE = Pattern.compile("([A-Z]{3,7}) (/[^ ?]*)(?:\\?[^ ]*)? HTTP/1\\.[01]");
  private static final Pattern RANGE = Pattern.compile("(?im)^range:[ \\t]*bytes=([0-9]+-[0-9]*)[ \\t]*$");
  private final ServerSocket server;
  private final String host;
  private final int port;
  private final long bitsPerSecond;
  private final long oneWayNanos;
  private final Direction down = new Direction();
  private final Direction up = new Direction();
  private final List<Exchange.Builder> exchanges = new ArrayList<>();

  /**
   * One request and its answer as the client saw them: when the request left it, when the first and the last byte
   * of the answer reached it (all {@link System#nanoTime()}), and the bytes of the answer, headers included.
   *
   * @param range the {@code Range} header's {@code FIRST-LAST}, or null
   */
  record Exchange(String method, String path, String range, long sent, long firstByte, long lastByte, long bytes) {
    /** An exchange as it is filled in: the request by the upward pump, the answer by the downward one. */
    private static final class Builder {
      private final String method;
      private final String path;
      private final String range;
      private final long sent;
      private long firstByte;
      private long lastByte;
      private long bytes;

      Builder(String method, String path, String range, long sent) {
        this.method = method;
        this.path = path;
        this.range = range;
        this.sent = sent;
      }

      synchronized void answered(int n, long arrives) {
        if (bytes == 0) {
          firstByte = arrives;
        }
        lastByte = arrives;
        bytes += n;
      }

      synchronized Exchange build() {
        return new Exchange(method, path, range, sent, firstByte, lastByte, bytes);
      }
    }
  }

  /** The requests of one connection: its answers belong to the last one sent (HTTP/1.1 without pipelining). */
  private static final class Conversation {
    private volatile Exchange.Builder current;
  }

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

  /** The plain-HTTP requests sent from {@code fromNanos} to {@code toNanos} ({@link System#nanoTime()}), in order. */
  List<Exchange> exchanges(long fromNanos, long toNanos) {
    List<Exchange> out = new ArrayList<>();
    synchronized (exchanges) {
      for (Exchange.Builder b : exchanges) {
        if (b.sent >= fromNanos && b.sent <= toNanos) {
          out.add(b.build());
        }
      }
    }
    return out;
  }

  /**
   * The request that {@code buf} starts, when it starts one: a read that begins with a request line (a client that
   * waits for each answer sends the next request as a new write).
   */
  static Exchange.Builder requestIn(byte[] buf, int n, long sent) {
    String head = new String(buf, 0, Math.min(n, 8192), StandardCharsets.ISO_8859_1);
    int eol = head.indexOf("\r\n");
    Matcher line = REQUEST_LINE.matcher(eol < 0 ? head : head.substring(0, eol));
    if (!line.matches()) {
      return null;
    }
    int end = head.indexOf("\r\n\r\n");
    Matcher range = RANGE.matcher(end < 0 ? head : head.substring(0, end));
    return new Exchange.Builder(line.group(1), line.group(2), range.find() ? range.group(1) : null, sent);
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
        Conversation talk = new Conversation();
        pump(client, target, up, handshake, talk);
        pump(target, client, down, handshake, talk);
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
  private void pump(Socket from, Socket to, Direction dir, long notBefore, Conversation talk) {
    BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(64); // at most 1 MiB in flight per direction
    Thread reader = new Thread(() -> {
      try (InputStream in = from.getInputStream()) {
        byte[] buf = new byte[CHUNK];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          long read = System.nanoTime();
          long deliverAt;
          synchronized (dir) {
            long start = Math.max(Math.max(System.nanoTime(), dir.freeAt), notBefore);
            dir.freeAt = start + (bitsPerSecond == 0 ? 0 : n * 8L * 1_000_000_000L / bitsPerSecond);
            deliverAt = dir.freeAt + oneWayNanos;
          }
          dir.bytes.addAndGet(n);
          track(dir, talk, buf, n, read, deliverAt);
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

  /** Notes a request starting in this read, or the part of an answer it carries. */
  private void track(Direction dir, Conversation talk, byte[] buf, int n, long read, long deliverAt) {
    if (dir == up) {
      Exchange.Builder started = requestIn(buf, n, read);
      if (started != null) {
        synchronized (exchanges) {
          exchanges.add(started);
        }
        talk.current = started;
      }
    } else if (talk.current != null) {
      talk.current.answered(n, deliverAt);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
