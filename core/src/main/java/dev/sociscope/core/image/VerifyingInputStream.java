package dev.sociscope.core.image;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.error.DigestMismatchException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Hashes what is read and, at the end of the stream, refuses content that does not match the expected digest. */
public final class VerifyingInputStream extends FilterInputStream {
  private final Digest expected;
  private final String what;
  private final MessageDigest hash = Digest.sha256();
  private boolean checked;

  public VerifyingInputStream(InputStream in, Digest expected, String what) {
    super(in);
    this.expected = expected;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      check();
    } else {
      hash.update((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n < 0) {
      check();
    } else {
      hash.update(b, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[8192];
    long done = 0;
    while (done < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void check() throws DigestMismatchException {
    if (checked) {
      return;
    }
    checked = true;
    Digest actual = Digest.fromHash(hash.digest());
    if (!actual.equals(expected)) {
      throw new DigestMismatchException(what, expected, actual);
    }
  }
}
