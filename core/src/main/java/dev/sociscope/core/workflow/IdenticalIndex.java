package dev.sociscope.core.workflow;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.soci.SociIndex;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.ZtocDescriptor;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rule for "an index with the same options already exists": building again would give the same zTOCs (the
 * builder is deterministic for a layer and span size), so the wizard offers to open it instead of downloading the
 * layers again. An existing index is identical when it is readable and of the same version, its zTOCs cover exactly
 * the layers the plan indexes, each with the planned span size (annotation present), the same build tool
 * identifier and no xattr marking unless asked for, and it has no prefetch artifacts. With prefetch paths nothing counts as
 * identical: the artifacts depend on the paths, which an index does not record.
 */
public final class IdenticalIndex {
  private IdenticalIndex() {}

  public static Optional<FoundIndex> find(List<FoundIndex> existing, List<IndexPlan.LayerPlan> plan,
      SociIndexOptions options) {
    if (!options.prefetchPaths().isEmpty()) {
      return Optional.empty();
    }
    Set<Digest> planned = plan.stream().filter(IndexPlan.LayerPlan::indexed).map(l -> l.layer().digest())
        .collect(Collectors.toSet());
    if (planned.isEmpty()) {
      return Optional.empty();
    }
    return existing.stream().filter(f -> matches(f, planned, options)).findFirst();
  }

  private static boolean matches(FoundIndex f, Set<Digest> planned, SociIndexOptions options) {
    SociIndex index = f.index();
    if (index == null || index.version() != options.version() || !index.prefetches().isEmpty()
        || !index.buildToolIdentifier().equals(options.buildToolIdentifier())) {
      return false;
    }
    Set<Digest> covered = index.ztocs().stream().map(ZtocDescriptor::layerDigest).collect(Collectors.toSet());
    return covered.equals(planned) && index.ztocs().size() == planned.size()
        && index.ztocs().stream().allMatch(z -> z.spanSize() == options.spanSize()
            && (options.xattrOptimization() || !z.disableXattrs())); // marked only when asked, and no xattrs
  }
}
