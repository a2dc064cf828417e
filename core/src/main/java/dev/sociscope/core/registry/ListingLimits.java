package dev.sociscope.core.registry;

/**
 * How far a listing (catalog, tags, referrers) follows the registry's pages: at most {@code maxPages} requests and
 * {@code maxEntries} names, so that a registry sending {@code Link: rel="next"} forever cannot keep a command busy
 * or fill the heap. A listing that reaches a limit says so ({@link Listing#cutShort}).
 */
public record ListingLimits(int maxPages, int maxEntries) {
  /** Generous for real registries: 100,000 names in at most 1,000 pages. */
  public static final ListingLimits DEFAULT = new ListingLimits(1_000, 100_000);

  public ListingLimits {
    if (maxPages < 1 || maxEntries < 1) {
      throw new IllegalArgumentException("listing limits must be positive: " + maxPages + " pages, " + maxEntries
          + " entries");
    }
  }

  /**
   * These limits with room for {@code entries} names (the CLI's {@code --max-entries}); pages grow along, one per
   * 100 names, so that a registry with small pages can still deliver them.
   */
  public ListingLimits withMaxEntries(int entries) {
    return new ListingLimits(Math.max(maxPages, Math.max(1, entries / 100)), entries);
  }
}
