package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The relay of {@code bench --remote}: bytes arrive intact, are counted, and no faster than the link allows. */
class LinkRelayTest {
  @Test
  void relaysCountsAndThrottles() throws Exception {
    byte[] payload = new byte[250_000];
    new Random(7).nextBytes(payload);
    try (ServerSocket origin = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread serve = new Thread(() -> {
        try (Socket s = origin.accept(); OutputStream out = s.getOutputStream()) {
          s.getInputStream().read();
          out.write(payload);
        } catch (Exception e) {
          // the test fails on the client side
        }
      });
      serve.start();
      // 10 Mbit/s: 250 kB take 0.2 s, plus 40 ms for the handshake and 20 ms each way
      try (LinkRelay relay = new LinkRelay("127.0.0.1", origin.getLocalPort(), 10_000_000L, 40);
          Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
        long started = System.nanoTime();
        client.getOutputStream().write('x');
        InputStream in = client.getInputStream();
        byte[] got = in.readAllBytes();
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(got).isEqualTo(payload);
        assertThat(relay.bytesDown()).isEqualTo(payload.length);
        assertThat(relay.bytesUp()).isEqualTo(1);
        assertThat(seconds).as("the link's own time").isGreaterThanOrEqualTo(0.2 + 0.04 + 0.04 - 0.01);
      }
      serve.join();
    }
  }

  @Test
  void linkTextIsRateSlashRoundTrip() {
    assertThat(RemoteBench.parseLink("100Mbit/20ms")).containsExactly(100_000_000L, 20L);
    assertThat(RemoteBench.parseLink("1.5Gbit/5ms")).containsExactly(1_500_000_000L, 5L);
    assertThat(RemoteBench.parseLink("none")).isNull();
    assertThatThrownBy(() -> RemoteBench.parseLink("fast")).hasMessageContaining("100Mbit/20ms");
  }

  @Test
  void keepsEachPlainHttpRequestWithItsAnswerAndNothingSecret() throws Exception {
    int[] sizes = {1_000, 40_000};
    try (ServerSocket origin = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread serve = new Thread(() -> {
        try (Socket s = origin.accept()) {
          for (int size : sizes) { // one connection, one request after the other, as an HTTP/1.1 client sends them
            readHead(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[size]);
            out.flush();
          }
        } catch (IOException e) {
          // the test fails on the client side
        }
      });
      serve.start();
      long before = System.nanoTime();
      try (LinkRelay relay = new LinkRelay("127.0.0.1", origin.getLocalPort(), 100_000_000L, 10);
          Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
        OutputStream out = client.getOutputStream();
        out.write(("GET /v2/app/blobs/sha256:abc?token=secret1 HTTP/1.1\r\nHost: x\r\n"
            + "Authorization: Bearer secret2\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        int first = readAnswer(client.getInputStream());
        out.write("GET /v2/app/blobs/sha256:def HTTP/1.1\r\nRange: bytes=100-40099\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        int second = readAnswer(client.getInputStream());
        List<LinkRelay.Exchange> seen = relay.exchanges(before, System.nanoTime());

        assertThat(seen).extracting(LinkRelay.Exchange::path)
            .containsExactly("/v2/app/blobs/sha256:abc", "/v2/app/blobs/sha256:def");
        assertThat(seen).extracting(LinkRelay.Exchange::range).containsExactly(null, "100-40099");
        assertThat(seen).extracting(LinkRelay.Exchange::bytes).containsExactly((long) first, (long) second);
        assertThat(seen.get(0).bytes() + seen.get(1).bytes()).isEqualTo(relay.bytesDown());
        LinkRelay.Exchange a = seen.get(0);
        LinkRelay.Exchange b = seen.get(1);
        assertThat(a.sent()).isLessThan(a.firstByte());
        assertThat(a.lastByte()).isLessThanOrEqualTo(b.sent());
        // at least the 10 ms round trip between a request and its answer
        assertThat(a.firstByte() - a.sent()).isGreaterThanOrEqualTo(10_000_000L);
        assertThat(b.firstByte() - b.sent()).isGreaterThanOrEqualTo(10_000_000L);
        // the round trip and the 3.2 ms that 40 kB take at 100 Mbit/s
        assertThat(b.lastByte() - b.sent()).as("40 kB at 100 Mbit/s").isGreaterThanOrEqualTo(13_000_000L);
        assertThat(seen.toString()).doesNotContain("secret");
        assertThat(relay.exchanges(System.nanoTime(), Long.MAX_VALUE)).isEmpty();
      }
      serve.join();
    }
  }

  @Test
  void onlyAReadThatStartsWithARequestLineStartsAnExchange() {
    byte[] tlsHello = {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01};
    assertThat(LinkRelay.requestIn(tlsHello, tlsHello.length, 0)).isNull();
    byte[] body = "{\"GET / HTTP/1.1\": 1}".getBytes(StandardCharsets.US_ASCII);
    assertThat(LinkRelay.requestIn(body, body.length, 0)).isNull();
    byte[] head = "HEAD /v2/ HTTP/1.1\r\nrange: bytes=5-\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(LinkRelay.requestIn(head, head.length, 0)).isNotNull();
  }

  @Test
  void theTimelineNamesBlobsAndSaysWhatTheBytesAloneTook() {
    String layer = "sha256:" + "1".repeat(64);
    String ztoc = "sha256:" + "2".repeat(64);
    long t0 = 1_000_000_000L;
    List<LinkRelay.Exchange> seen = List.of(
        new LinkRelay.Exchange("GET", "/v2/app/referrers/sha256:" + "3".repeat(64), null, t0 + 1_000_000,
            t0 + 21_000_000, t0 + 21_000_000, 250_000),
        new LinkRelay.Exchange("GET", "/v2/app/blobs/" + ztoc, null, t0 + 30_000_000, t0 + 50_000_000,
            t0 + 70_000_000, 1_000_000),
        new LinkRelay.Exchange("GET", "/v2/app/blobs/" + layer, "0-9", t0 + 80_000_000, t0 + 100_000_000,
            t0 + 100_000_000, 10),
        // beside the zTOC's request: 65-77 ms, so requests were outstanding 20 + 47 + 20 ms in all
        new LinkRelay.Exchange("GET", "/v2/app/blobs/" + layer, "10-19", t0 + 65_000_000, t0 + 77_000_000,
            t0 + 77_000_000, 10));
    RemoteBench.Result lazy = new RemoteBench.Result(0.5, 1_250_020, t0,
        Map.of(layer, "layer 1 of 2", ztoc, "zTOC of layer 1 of 2"));
    StringWriter text = new StringWriter();
    RemoteBench.printTimeline(new PrintWriter(text, true), lazy, seen, 100_000_000L, 17.0);

    assertThat(text.toString().lines()).contains(
        "      1      21      21      250,000  GET /v2/app/referrers/sha256:333333333333...",
        "     30      50      70    1,000,000  GET zTOC of layer 1 of 2",
        "     80     100     100           10  GET layer 1 of 2, bytes 0-9");
    // 1,250,020 bytes at 100 Mbit/s take 0.10 s of the 0.5
    assertThat(text.toString()).contains("4 requests; their 1,250,020 bytes take 0.10 s at 100,000,000 bit/s: the"
        + " other 0.40 s");
    assertThat(RemoteBench.waitingSeconds(seen)).isCloseTo(0.087, within(1e-9));
    assertThat(text.toString()).contains("a request was outstanding for 0.09 s of the lazy read's 0.50 s; in the"
        + " other 0.41 s none was (sociscope's own work); without that time the lazy read would be 195.4x faster than"
        + " the pull");
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    while (matched < 4) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("closed");
      }
      matched = (c == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (c == '\r' ? 1 : 0);
    }
  }

  /** Reads one answer with a Content-Length; gives its bytes, head included. */
  private static int readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int c = in.read();
      head.write(c);
      matched = (c == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (c == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    int length = Integer.parseInt(text.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
    return head.size() + in.readNBytes(length).length;
  }
}
