package dev.sociscope.app.ztoc;

import dev.sociscope.app.common.Messages;

/**
 * What a file tree shows, so its placeholder never says "no files" while it is still loading, filtered or failed;
 * the view models decide the state, the views only show its {@link TreeStatus#text()}.
 */
public enum TreeState {
  /** Nothing to show yet (no image or document chosen). */
  NONE,
  LOADING,
  /** The files are listed (the tree has rows). */
  SHOWN,
  /** Really no files: the zTOCs were read and list none. */
  EMPTY,
  /** No files listed because the layers shown have no zTOC (they can be listed by streaming them). */
  NOT_INDEXED,
  /** The filter hides every file. */
  FILTERED_OUT,
  FAILED;

  /** A state with the words for it; {@code text} is empty for {@link #SHOWN} and {@link #NONE}. */
  public record TreeStatus(TreeState state, String text) {
    public static final TreeStatus NOTHING = new TreeStatus(NONE, "");

    public static TreeStatus of(TreeState state, String key, Object... args) {
      return new TreeStatus(state, Messages.get(key, args));
    }

    public static TreeStatus shown() {
      return new TreeStatus(SHOWN, "");
    }
  }
}
