package dev.sociscope.core.registry.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Connection failures in words: "cannot reach HOST:PORT: connection refused", "no such host HOST", "HOST did not
 * answer within 5s", "the certificate of HOST is not trusted: ...". Never an exception class name.
 */
public final class ConnectionFailures {
  private ConnectionFailures() {}

  /**
   * The failure of one attempt to {@code action} on {@code hostKey}, in one sentence. {@code action} is added in
   * parentheses unless it says no more than the host (the connection check).
   */
  public static String describe(IOException e, String hostKey, String action, Timeouts timeouts, boolean viaProxy) {
    String what = sentence(e, hostKey, timeouts, viaProxy);
    return action == null || action.endsWith(hostKey) ? what : what + " (while trying to " + action + ")";
  }

  /** The typed certificate failure when {@code e} is one, with the server certificate as data. */
  public static java.util.Optional<UntrustedCertificateException> untrusted(IOException e, String hostKey) {
    HostTrustManager.UntrustedChain untrusted = find(e, HostTrustManager.UntrustedChain.class);
    if (untrusted == null || untrusted.leaf() == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new UntrustedCertificateException(hostKey, ServerCertificate.of(untrusted.leaf()),
        e));
  }

  /** Whether the failure is the whole-command deadline or a time-out (neither is worth an immediate retry). */
  public static boolean isTimeout(IOException e) {
    return e instanceof InterruptedIOException;
  }

  /** Whether retrying cannot help: unknown host, a TLS failure, the deadline. */
  public static boolean isPermanent(IOException e, Timeouts timeouts) {
    return find(e, UnknownHostException.class) != null || find(e, SSLException.class) != null
        || find(e, java.security.cert.CertificateException.class) != null || timeouts.deadline().expired();
  }

  static String sentence(IOException e, String hostKey, Timeouts timeouts, boolean viaProxy) {
    HostTrustManager.UntrustedChain untrusted = find(e, HostTrustManager.UntrustedChain.class);
    if (untrusted != null && untrusted.leaf() != null) {
      return UntrustedCertificateException.sentence(hostKey, ServerCertificate.of(untrusted.leaf()),
          java.time.Instant.now());
    }
    Deadline deadline = timeouts.deadline();
    if (deadline.isSet() && deadline.expired()) {
      return "gave up on " + hostKey + ": the time-out of " + Durations.format(deadline.budget()) + " was reached";
    }
    if (e instanceof SSLPeerUnverifiedException || find(e, SSLPeerUnverifiedException.class) != null) {
      return "the certificate of " + hostKey + " is not issued for that name; connect with the name it names,"
          + " or use --insecure";
    }
    SSLException ssl = find(e, SSLException.class);
    if (ssl != null) {
      String m = String.valueOf(ssl.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("certificate_required") || m.contains("bad_certificate")) {
        return hostKey + " wants a client certificate and did not accept one; use --tls-cert and --tls-key,"
            + " or certs.d";
      }
      if (m.contains("unknown_ca")) {
        return hostKey + " does not trust the client certificate that was sent";
      }
      if (m.contains("unsupported or unrecognized ssl message")) {
        return hostKey + " does not speak TLS; use --plain-http if it is a plain HTTP registry";
      }
      return "the TLS handshake with " + hostKey + " failed: " + ssl.getMessage();
    }
    UnknownHostException unknown = find(e, UnknownHostException.class);
    if (unknown != null) {
      return "no such host " + LoopbackHost.withoutPort(hostKey) + (viaProxy ? " (or the proxy cannot be found)" : "");
    }
    ConnectException refused = deepest(e, ConnectException.class);
    if (refused != null) {
      String why = refused.getMessage() == null ? "connection refused"
          : refused.getMessage().replaceAll(" \\(.*\\)$", "").toLowerCase(Locale.ROOT);
      return "cannot reach " + hostKey + (viaProxy ? " through the proxy" : "") + ": " + why;
    }
    if (find(e, NoRouteToHostException.class) != null) {
      return "cannot reach " + hostKey + ": no route to host";
    }
    SocketTimeoutException timeout = find(e, SocketTimeoutException.class);
    if (timeout != null && String.valueOf(timeout.getMessage()).contains("connect")) {
      return "cannot reach " + hostKey + ": no connection within " + Durations.format(timeouts.connect());
    }
    if (e instanceof InterruptedIOException || timeout != null) {
      return hostKey + " accepted the connection but sent no answer within " + Durations.format(timeouts.read());
    }
    String m = e.getMessage() == null ? "the connection broke off" : e.getMessage();
    return "the connection to " + hostKey + " failed: " + m;
  }

  /** The innermost cause of {@code type}: OkHttp wraps the JDK's "Connection refused" in its own words. */
  static <T extends Throwable> T deepest(Throwable e, Class<T> type) {
    T found = null;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (type.isInstance(t)) {
        found = type.cast(t);
      }
    }
    return found;
  }

  static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
