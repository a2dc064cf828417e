package dev.sociscope.core.ztoc.lookup;

/**
 * A lookup file that cannot be used: truncated, corrupt, of another version or of another zTOC. Callers do not show
 * it to the user; they rebuild the file from the zTOC.
 */
public final class LookupFileException extends Exception {
  private static final long serialVersionUID = 1L;

  public LookupFileException(String message) {
    super(message);
  }
}
