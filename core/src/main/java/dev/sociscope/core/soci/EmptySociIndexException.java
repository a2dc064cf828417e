package dev.sociscope.core.soci;

/**
 * No layer produced a zTOC, so upstream writes no index (its {@code ErrEmptyIndex}). {@code soci convert}
 * tolerates this per platform and fails only when every platform is empty.
 */
public class EmptySociIndexException extends SociBuildException {
  public static final String MESSAGE = "no ztocs created, all layers either skipped or produced errors";

  public EmptySociIndexException() {
    super(dev.sociscope.core.error.ErrorKind.INVALID_REQUEST, MESSAGE);
  }
}
