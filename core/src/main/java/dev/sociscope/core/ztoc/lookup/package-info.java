/**
 * What reading one file needs from a layer's zTOC, without parsing all of it: the entries named by a path, the
 * span geometry and the span digests ({@link dev.sociscope.core.ztoc.lookup.ZtocLookup}).
 *
 * <ul>
 *   <li>{@link dev.sociscope.core.ztoc.lookup.ZtocLookup#of} answers from a parsed {@link dev.sociscope.core.ztoc.Ztoc};
 *   <li>{@link dev.sociscope.core.ztoc.lookup.LookupFile} answers from a compact file kept next to the cached zTOC
 *       (written by {@link dev.sociscope.core.ztoc.lookup.LookupFileWriter}): a sorted table of cleaned paths that
 *       a binary search reads in place, so opening it creates no object per entry. It is a cache file of
 *       sociscope's own, never a SOCI artifact: it is versioned, carries the digest of the zTOC it was made from
 *       and a checksum, and anything that does not check out is refused so the caller rebuilds it.
 * </ul>
 */
package dev.sociscope.core.ztoc.lookup;
