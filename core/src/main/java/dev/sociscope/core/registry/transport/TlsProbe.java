package dev.sociscope.core.registry.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Asks a loopback server whether it speaks TLS, as Docker does before it falls back to plain HTTP: a TLS handshake
 * is started and nothing else is sent (no request, no credentials). A server that sends a certificate or a TLS alert
 * speaks TLS and is then verified like any other; one that answers with something else, closes, or stays silent
 * (it waits for a request line) does not. Only a failed connection leaves the answer open.
 */
public final class TlsProbe {
  /** What the probe learned. */
  public enum Result { SPEAKS_TLS, PLAIN, UNKNOWN }

  private TlsProbe() {}

  public static Result probe(String host, int port, Duration connectTimeout, Duration handshakeTimeout) {
    AtomicBoolean sawCertificate = new AtomicBoolean();
    X509TrustManager recorder = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
        sawCertificate.set(true);
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress(h, port), (int) Math.max(1, connectTimeout.toMillis()));
      raw.setSoTimeout((int) Math.max(1, handshakeTimeout.toMillis()));
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, new TrustManager[] {recorder}, new SecureRandom());
      try (SSLSocket tls = (SSLSocket) ssl.getSocketFactory().createSocket(raw, h, port, false)) {
        tls.startHandshake();
        return Result.SPEAKS_TLS;
      }
    } catch (SSLException e) {
      String m = String.valueOf(e.getMessage());
      // A certificate seen or a TLS alert received: the server speaks TLS (it may want a client certificate).
      return sawCertificate.get() || m.contains("Received fatal alert") ? Result.SPEAKS_TLS : Result.PLAIN;
    } catch (java.net.SocketTimeoutException e) {
      // A TLS server answers a ClientHello at once; one that stays silent waits for an HTTP request line.
      return sawCertificate.get() ? Result.SPEAKS_TLS : Result.PLAIN;
    } catch (IOException | GeneralSecurityException e) {
      return Result.UNKNOWN;
    }
  }
}
