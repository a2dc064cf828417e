/**
 * A tar header reader with the semantics of Go's {@code archive/tar} (spec 4.3): ustar, GNU and PAX headers,
 * extension records applied to the next entry, and the stream position of each entry's data, which a zTOC records.
 */
package dev.sociscope.core.tar;
