package dev.sociscope.app.sources;

/**
 * One line of the sources sidebar.
 *
 * @param target what opening the item opens: a path for a recent zTOC, a registry URL, or empty
 */
public record SourceItem(Kind kind, String label, String detail, String target) {
  /** What a line stands for. */
  public enum Kind { SECTION, DEMO_IMAGE, DEMO, RECENT_ZTOC, LOCAL_IMAGE, ADD_LOCAL_FOLDER, ADD_LOCAL_ARCHIVE, REGISTRY, ADD_REGISTRY, HINT }
}
