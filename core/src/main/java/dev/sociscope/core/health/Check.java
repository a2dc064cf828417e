package dev.sociscope.core.health;

/**
 * The checks of {@code sociscope check}, each with a stable id (documented in the README; scripts may match on
 * them) and the severity of its findings.
 */
public enum Check {
  NO_INDEX("no-index", Severity.ERROR, "every platform has a SOCI index"),
  V1_ONLY("v1-only", Severity.WARNING, "an index the runtime uses by default (v2) exists"),
  AMBIGUOUS_INDEXES("ambiguous-indexes", Severity.WARNING, "one index per image manifest"),
  LAYER_NOT_INDEXED("layer-not-indexed", Severity.INFO, "large layers are indexed"),
  INDEX_UNREADABLE("index-unreadable", Severity.ERROR, "index manifests are readable"),
  ZTOC_LAYER_UNKNOWN("ztoc-layer-unknown", Severity.ERROR, "zTOCs describe layers of the image"),
  SPAN_SIZE_MISMATCH("span-size-mismatch", Severity.WARNING, "span-size annotations match the zTOCs"),
  ZTOC_MISSING("ztoc-missing", Severity.ERROR, "zTOC blobs exist"),
  ZTOC_UNREADABLE("ztoc-unreadable", Severity.ERROR, "zTOCs are readable and match their descriptors"),
  SPOT_CHECK_FAILED("spot-check-failed", Severity.ERROR, "sampled spans verify against the layer"),
  ORPHANED_REFERRER("orphaned-referrer", Severity.WARNING, "fallback tags list only live SOCI indexes"),
  NO_REFERRERS_API("no-referrers-api", Severity.INFO, "the registry serves the referrers API");

  /** How bad a finding is. */
  public enum Severity { INFO, WARNING, ERROR }

  private final String id;
  private final Severity severity;
  private final String title;

  Check(String id, Severity severity, String title) {
    this.id = id;
    this.severity = severity;
    this.title = title;
  }

  /** The stable id, e.g. {@code no-index}. */
  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  /** What holds when the check passes, e.g. "every platform has a SOCI index". */
  public String title() {
    return title;
  }
}
