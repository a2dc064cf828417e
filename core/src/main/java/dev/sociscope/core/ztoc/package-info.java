/**
 * The zTOC format (spec sections 4 and 5): one FlatBuffers blob per layer holding the TOC (one
 * {@link dev.sociscope.core.ztoc.FileMetadata} per tar entry) and the zInfo (checkpoints and span digests).
 *
 * <ul>
 *   <li>{@link dev.sociscope.core.ztoc.ZtocReader} reads and validates a blob as upstream does;
 *       {@link dev.sociscope.core.ztoc.ZtocWriter} writes it byte for byte as upstream does. The schema is in
 *       {@code ztoc.fbs} and {@code zinfo.fbs} next to these classes.
 *   <li>{@link dev.sociscope.core.ztoc.Zinfo} is the decoded checkpoint data with the span geometry:
 *       {@link dev.sociscope.core.ztoc.GzipZinfo} (checkpoint blob) or {@link dev.sociscope.core.ztoc.TarZinfo}
 *       (uncompressed tar layers).
 *   <li>{@link dev.sociscope.core.ztoc.ZtocInfo} is what {@code soci ztoc info} prints.
 *   <li>{@link dev.sociscope.core.ztoc.RawText} keeps non-UTF-8 names lossless; {@link dev.sociscope.core.ztoc.ModTime}
 *       formats and parses the stored modification times.
 * </ul>
 */
package dev.sociscope.core.ztoc;
