package dev.sociscope.core.error;

/**
 * What went wrong, in the words a person acts on. Both faces map a kind to their wording (the GUI's message keys,
 * the CLI's exit codes) without knowing which component failed: a missing file on disk and a missing manifest in a
 * registry are both {@link #NOT_FOUND}.
 */
public enum ErrorKind {
  /** A manifest, blob, tag, repository, file or path does not exist. */
  NOT_FOUND,
  /** The server refused the credentials (or there were none). */
  UNAUTHORIZED,
  /** Content did not hash to the digest it was named by. */
  DIGEST_MISMATCH,
  /** Input (JSON, zTOC, gzip, tar, archive) is malformed, truncated or inconsistent. */
  CORRUPT_INPUT,
  /** Valid input that this tool or SOCI does not handle (a media type, a format version, a write to an archive). */
  UNSUPPORTED,
  /** The user stopped the operation. */
  CANCELLED,
  /** The host could not be reached (refused, unknown host, time-out). */
  UNREACHABLE,
  /** A request that cannot be carried out as asked (nothing to index, no index built yet, a wrong digest). */
  INVALID_REQUEST,
  /** Any other input/output failure, local or remote. */
  IO
}
