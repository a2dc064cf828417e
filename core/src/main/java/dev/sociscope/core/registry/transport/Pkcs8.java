package dev.sociscope.core.registry.transport;

import dev.sociscope.core.error.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Wraps the older key encodings openssl writes (PKCS#1 RSA, SEC 1 EC) into PKCS#8, the one the JDK reads. Only the
 * few DER elements needed are read, each bounded by its container.
 */
final class Pkcs8 {
  private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
  private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");

  private Pkcs8() {}

  static byte[] fromPkcs1(byte[] pkcs1) {
    return sequence(concat(hex("020100"), RSA_ALGORITHM, tlv(0x04, pkcs1)));
  }

  /** SEC 1 {@code ECPrivateKey}: the curve is its {@code [0] parameters} element. */
  static byte[] fromSec1(Path file, byte[] sec1) throws InvalidRequestException {
    byte[] curve = curveOid(sec1);
    if (curve == null) {
      throw new InvalidRequestException(file + ": the EC key names no curve (write it with openssl ec -param_enc"
          + " named_curve)");
    }
    return sequence(concat(hex("020100"), sequence(concat(EC_PUBLIC_KEY_OID, curve)), tlv(0x04, sec1)));
  }

  /** The whole OID element inside {@code [0]} of the outer SEQUENCE, or null. */
  private static byte[] curveOid(byte[] der) {
    int[] outer = header(der, 0);
    if (outer == null || der[0] != 0x30) {
      return null;
    }
    int pos = outer[0];
    int end = Math.min(der.length, outer[0] + outer[1]);
    while (pos < end) {
      int[] h = header(der, pos);
      if (h == null || h[0] + h[1] > end) {
        return null;
      }
      if ((der[pos] & 0xff) == 0xa0) {
        int[] oid = header(der, h[0]);
        if (oid == null || der[h[0]] != 0x06 || oid[0] + oid[1] > h[0] + h[1]) {
          return null;
        }
        return Arrays.copyOfRange(der, h[0], oid[0] + oid[1]);
      }
      pos = h[0] + h[1];
    }
    return null;
  }

  /** {content start, content length} of the element at {@code pos}, or null when it does not fit. */
  private static int[] header(byte[] der, int pos) {
    if (pos + 2 > der.length) {
      return null;
    }
    int len = der[pos + 1] & 0xff;
    int start = pos + 2;
    if (len >= 0x80) {
      int n = len & 0x7f;
      if (n == 0 || n > 3 || start + n > der.length) {
        return null;
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (der[start + i] & 0xff);
      }
      start += n;
    }
    return start + len > der.length ? null : new int[] {start, len};
  }

  private static byte[] sequence(byte[] content) {
    return tlv(0x30, content);
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(0x83);
      out.write(n >> 16);
      out.write(n >> 8);
      out.write(n);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] hex(String s) {
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }
}
