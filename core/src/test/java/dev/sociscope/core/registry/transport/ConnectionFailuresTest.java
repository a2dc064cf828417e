package dev.sociscope.core.registry.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The words of connection failures, as OkHttp and the JDK wrap them. */
class ConnectionFailuresTest {
  static final Timeouts T = new Timeouts(Duration.ofSeconds(15), Duration.ofSeconds(5), Deadline.none());

  @Test
  void wordsForEachFailure() {
    IOException okRefused = new ConnectException("Failed to connect to /127.0.0.1:5999");
    okRefused.initCause(new ConnectException("Connection refused"));
    assertThat(ConnectionFailures.describe(okRefused, "127.0.0.1:5999", "ping registry 127.0.0.1:5999", T, false))
        .isEqualTo("cannot reach 127.0.0.1:5999: connection refused");
    assertThat(ConnectionFailures.describe(new UnknownHostException("registry.example.invalid"),
        "registry.example.invalid", "list tags of registry.example.invalid/a", T, false))
        .isEqualTo("no such host registry.example.invalid (while trying to list tags of registry.example.invalid/a)");
    assertThat(ConnectionFailures.describe(new SocketTimeoutException("Read timed out"), "r.example:5000",
        "get manifest r.example:5000/a:1", T, false)).isEqualTo("r.example:5000 accepted the connection but sent no"
        + " answer within 5s (while trying to get manifest r.example:5000/a:1)");
    assertThat(ConnectionFailures.describe(new SocketTimeoutException("connect timed out"), "r.example", null, T,
        false)).isEqualTo("cannot reach r.example: no connection within 15s");
    assertThat(ConnectionFailures.describe(new SSLHandshakeException("Received fatal alert: certificate_required"),
        "r.example", null, T, false)).isEqualTo("r.example wants a client certificate and did not accept one; use"
        + " --tls-cert and --tls-key, or certs.d");
    assertThat(ConnectionFailures.describe(new SSLHandshakeException("Unsupported or unrecognized SSL message"),
        "r.example", null, T, false)).contains("does not speak TLS");
  }

  @Test
  void deadlineWins() throws Exception {
    Timeouts t = Timeouts.overall(Duration.ofMillis(1));
    Thread.sleep(5);
    assertThat(ConnectionFailures.describe(new java.io.InterruptedIOException("timeout"), "r.example", null, t,
        false)).isEqualTo("gave up on r.example: the time-out of 1ms was reached");
  }
}
