package dev.sociscope.core.workflow;

import dev.sociscope.core.oci.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code index prune}: the SOCI entries of a repository's fallback tags whose image or index manifest is gone
 * ({@link FallbackTags}); unless it is a dry run, each is unlisted (other referrers stay) and its index manifest
 * deleted where it still exists and the registry allows deletes.
 */
public final class IndexPruner {
  private IndexPruner() {}

  /** What {@link #prune} found and, unless it was a dry run, removed. */
  public record Pruned(List<FallbackTags.Orphan> orphans, List<IndexRemover.Removed> removed) {
    public Pruned {
      orphans = List.copyOf(orphans);
      removed = List.copyOf(removed);
    }
  }

  public static Pruned prune(OpenedImage.Store store, boolean dryRun) throws IOException {
    List<FallbackTags.Orphan> orphans = FallbackTags.orphans(store);
    List<IndexRemover.Removed> removed = new ArrayList<>();
    if (!dryRun) {
      Map<Digest, List<Digest>> bySubject = new LinkedHashMap<>();
      for (FallbackTags.Orphan o : orphans) {
        bySubject.computeIfAbsent(o.subject(), k -> new ArrayList<>()).add(o.entry().digest());
      }
      for (Map.Entry<Digest, List<Digest>> e : bySubject.entrySet()) {
        removed.addAll(IndexRemover.remove(store, e.getKey(), e.getValue()));
      }
    }
    return new Pruned(orphans, removed);
  }
}
