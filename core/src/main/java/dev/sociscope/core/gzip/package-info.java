/**
 * A checkpointing DEFLATE/gzip decoder (RFC 1951, RFC 1952). {@link dev.sociscope.core.gzip.GzipInflater} reads
 * gzip streams of one or more members and reports every block boundary (compressed offset, pending bits, output
 * position, BFINAL) to a {@link dev.sociscope.core.gzip.BlockBoundaryListener}, which may copy the 32 KiB window
 * at that point; {@link dev.sociscope.core.gzip.GzipInflater#resume} starts again from such a checkpoint. This is
 * what {@link java.util.zip.Inflater} cannot do, and what SOCI's zInfo needs (spec 5.2, 5.5).
 */
package dev.sociscope.core.gzip;
