package dev.sociscope.core.extract;

import dev.sociscope.core.error.ErrorKind;
import dev.sociscope.core.error.SociscopeException;

/** The compressed bytes fetched for a span do not hash to the digest the zTOC records for it. */
public class SpanDigestException extends SociscopeException {
  private final int span;

  public SpanDigestException(int span, long start, long end, String expected, String actual) {
    super(ErrorKind.DIGEST_MISMATCH, "span " + span + " (compressed bytes " + start + "-" + (end - 1) + ") failed verification: expected "
        + expected + ", got " + actual);
    this.span = span;
  }

  public int span() {
    return span;
  }
}
