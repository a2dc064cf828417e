package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
}
