package dev.sociscope.core.image;

/**
 * A range stream that can say what actually arrived for it: a registry that ignores {@code Range} answers
 * {@code 200} with the whole blob, and the bytes before the range are received (and thrown away) too.
 * {@link BlobRandomAccess} counts these, so transfer statistics show what crossed the network, not what was asked.
 */
public interface ReceivedBytes {
  /** Body bytes received so far, skipped ones included. */
  long bytesReceived();

  /** Whether the server answered a range request with the whole blob. */
  boolean rangeIgnored();
}
