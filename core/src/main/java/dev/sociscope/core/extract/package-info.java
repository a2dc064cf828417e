/**
 * Lazy extraction of single files (spec 6): {@link dev.sociscope.core.extract.LazyExtractor} finds a file in the
 * zTOC, fetches only its spans from a {@link dev.sociscope.core.extract.RandomAccessSource}, verifies each span
 * digest and inflates from the first span's checkpoint.
 */
package dev.sociscope.core.extract;
