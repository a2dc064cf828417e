package dev.sociscope.core.ztoc.lookup;

/**
 * A lookup file that cannot be used: truncated, corrupt, of another version or of another zTOC (found when it is
 * opened), or holding a reference that points outside it (found when the entry is looked up: opening checks the
 * whole file's checksum but not each of its records, which would cost a pass over all of them). Callers do not show
 * it to the user; they rebuild the file from the zTOC and answer from the parsed zTOC instead. Unchecked, because
 * a {@link NameLookup} over memory cannot fail.
 */
public final class LookupFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LookupFileException(String message) {
    super(message);
  }
}
