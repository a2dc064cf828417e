/**
 * Builds a zTOC from a layer blob in one pass: {@link dev.sociscope.core.build.ZtocBuilder} inflates once and feeds
 * the tar reader, the checkpoint recorder (spec 5.2) and the span digests (spec 5.4) from that single stream.
 */
package dev.sociscope.core.build;
