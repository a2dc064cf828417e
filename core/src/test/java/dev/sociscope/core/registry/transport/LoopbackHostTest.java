package dev.sociscope.core.registry.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only literal loopback addresses and {@code localhost} are loopback, never a name that starts like one. */
class LoopbackHostTest {
  @ParameterizedTest
  @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "127.255.255.254", "::1", "[::1]",
      "0:0:0:0:0:0:0:1", "[0:0:0:0:0:0:0:1]"})
  void literalLoopback(String host) {
    assertThat(LoopbackHost.is(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1.example", "127.example", "127.0.0.1.nip.io", "localhost.example.com",
      "127.0.0.256", "127.0.0", "128.0.0.1", "10.0.0.1", "::2", "[::ffff:10.0.0.1]", "registry.example", "",
      "127.0.0.1:5000", "127.0.0.01x"})
  void everythingElseIsNot(String host) {
    assertThat(LoopbackHost.is(host)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:5000=127.0.0.1", "[::1]:5000=[::1]", "host=host", "h.example:443=h.example"})
  void withoutPort(String pair) {
    String[] p = pair.split("=");
    assertThat(LoopbackHost.withoutPort(p[0])).isEqualTo(p[1]);
  }
}
