package dev.sociscope.core.extract;

/**
 * How much of the last span a lazy read fetches.
 *
 * <p>Span digests cover whole spans, so a span read only in part cannot be checked against its digest: reading to
 * the file's end trades that check of the last span for bytes not fetched. Every span before the last one is read
 * whole and verified in both modes, and the last one too whenever the read reaches its end.
 */
public enum SpanFetch {
  /** Every span whole, each verified before use: what the upstream runtime fetches. */
  WHOLE,
  /**
   * The last span only as far as inflation needs to produce the file's last byte, fetched in growing windows that
   * start with an estimate of where the file ends ({@link SpanMap#firstWindowEnd}). A small file deep in
   * its span is first read from a deflate block found shortly before it, placed by the file's own tar header
   * ({@link MidSpanStart}), so that it costs about its own share of the span rather than everything from the
   * checkpoint on.
   */
  TO_FILE_END
}
