package dev.sociscope.core.registry.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Asks a loopback server whether it speaks TLS, as Docker does before it falls back to plain HTTP: a TLS
 * ClientHello is sent and nothing else (no request, no credentials). A TLS server answers any ClientHello with a
 * handshake record or an alert, so the first byte of the answer decides: such a server speaks TLS and is then
 * verified like any other; one that answers with something else (an HTTP 400), closes, or stays silent (it waits
 * for a request line) does not. Only a failed connection leaves the answer open.
 *
 * <p>The hello is written by hand rather than by JSSE: the probe runs for every loopback registry, and loading the
 * TLS stack costs a short command about a tenth of a second that a plain-HTTP registry never needs.
 */
public final class TlsProbe {
  /** What the probe learned. */
  public enum Result { SPEAKS_TLS, PLAIN, UNKNOWN }

  private static final int HANDSHAKE_RECORD = 0x16;
  private static final int ALERT_RECORD = 0x15;

  private TlsProbe() {}

  public static Result probe(String host, int port, Duration connectTimeout, Duration answerTimeout) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(h, port), (int) Math.max(1, connectTimeout.toMillis()));
      socket.setSoTimeout((int) Math.max(1, answerTimeout.toMillis()));
      socket.getOutputStream().write(clientHello());
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      int first;
      try {
        first = in.read();
      } catch (SocketTimeoutException e) {
        return Result.PLAIN; // a TLS server answers a ClientHello at once; a silent one waits for a request line
      } catch (IOException e) {
        return Result.PLAIN; // reset after reading bytes that are not HTTP: not a TLS server either
      }
      return first == HANDSHAKE_RECORD || first == ALERT_RECORD ? Result.SPEAKS_TLS : Result.PLAIN;
    } catch (IOException e) {
      return Result.UNKNOWN;
    }
  }

  /**
   * A TLS 1.2 ClientHello (RFC 5246 7.4.1.2) offering TLS 1.3 and 1.2 suites and the usual groups and signature
   * schemes, so that a server of either version answers with its ServerHello (or an alert): enough to tell that it
   * speaks TLS, never used to finish a handshake.
   */
  static byte[] clientHello() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0x03);
    body.write(0x03); // client_version TLS 1.2
    byte[] random = new byte[32];
    ThreadLocalRandom.current().nextBytes(random);
    body.writeBytes(random);
    body.write(0); // no session id
    int[] suites = {0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0x009c, 0x009d, 0x002f,
        0x0035};
    u16(body, suites.length * 2);
    for (int s : suites) {
      u16(body, s);
    }
    body.write(1);
    body.write(0); // compression: null only
    ByteArrayOutputStream ext = new ByteArrayOutputStream();
    extension(ext, 0x000a, u16List(0x001d, 0x0017, 0x0018)); // supported_groups
    extension(ext, 0x000b, new byte[] {1, 0}); // ec_point_formats: uncompressed
    extension(ext, 0x000d, u16List(0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601));
    extension(ext, 0x002b, new byte[] {4, 0x03, 0x04, 0x03, 0x03}); // supported_versions: 1.3, 1.2
    u16(body, ext.size());
    body.writeBytes(ext.toByteArray());

    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.write(HANDSHAKE_RECORD);
    record.write(0x03);
    record.write(0x01); // record version, as clients send it
    u16(record, body.size() + 4);
    record.write(1); // client_hello
    record.write(0);
    u16(record, body.size());
    record.writeBytes(body.toByteArray());
    return record.toByteArray();
  }

  private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
    u16(out, type);
    u16(out, data.length);
    out.writeBytes(data);
  }

  /** A vector of 16-bit values with its 16-bit length in bytes. */
  private static byte[] u16List(int... values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    u16(out, values.length * 2);
    for (int v : values) {
      u16(out, v);
    }
    return out.toByteArray();
  }

  private static void u16(ByteArrayOutputStream out, int v) {
    out.write(v >>> 8);
    out.write(v);
  }
}
