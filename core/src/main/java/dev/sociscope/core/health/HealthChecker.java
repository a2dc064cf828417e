package dev.sociscope.core.health;

import dev.sociscope.core.error.DigestMismatchException;
import dev.sociscope.core.error.NotFoundException;
import dev.sociscope.core.image.BlobRandomAccess;
import dev.sociscope.core.image.PlatformManifest;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.registry.RemoteRepository;
import dev.sociscope.core.soci.SociAnnotations;
import dev.sociscope.core.soci.SociEnabledIndex;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.soci.ZtocDescriptor;
import dev.sociscope.core.workflow.FallbackTags;
import dev.sociscope.core.workflow.FoundIndex;
import dev.sociscope.core.workflow.ImageResolver;
import dev.sociscope.core.workflow.LayerStatus;
import dev.sociscope.core.workflow.OpenedImage;
import dev.sociscope.core.workflow.SociDiscoverer;
import dev.sociscope.core.workflow.SociService;
import dev.sociscope.core.ztoc.ZtocFormatException;
import dev.sociscope.core.ztoc.ZtocReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "Why isn't my image lazy-loading?": checks an image's SOCI indexes as the runtime would use them and says what is
 * wrong, on what, and how to fix it ({@link HealthReport}). The same report feeds the CLI's {@code check} and the
 * GUI's Health tab.
 */
public final class HealthChecker {
  /** Spans checked per indexed layer unless asked otherwise. */
  public static final int DEFAULT_SPOT_CHECKS = 3;

  private final SociService soci;

  public HealthChecker(SociService soci) {
    this.soci = soci;
  }

  /** Checks the selected platforms of {@code ref}; {@code spotChecks} spans per indexed layer (0: none). */
  public HealthReport check(String ref, ImageResolver.PlatformSelection selection, int spotChecks)
      throws IOException {
    OpenedImage loc = soci.open(ref);
    OciDocument top = loc.store().manifest(loc.reference());
    SociDiscoverer discoverer = new SociDiscoverer(loc.store());
    SociEnabledIndex enabled = top.isIndex() ? new SociEnabledIndex(top.index()) : null;
    Set<Check> ran = EnumSet.allOf(Check.class);
    if (spotChecks <= 0) {
      ran.remove(Check.SPOT_CHECK_FAILED);
    }
    List<Finding> findings = new ArrayList<>();
    List<PlatformManifest> platforms = ImageResolver.resolve(loc.store(), top, selection);
    for (PlatformManifest pm : platforms) {
      checkPlatform(loc, ref, pm, discoverer.indexesOf(pm, enabled), discoverer, spotChecks, findings);
    }
    for (FallbackTags.Orphan o : FallbackTags.orphans(loc.store())) {
      findings.add(new Finding(Check.ORPHANED_REFERRER, "index " + o.entry().digest(), "the fallback tag "
          + o.tag() + " lists a SOCI index but " + o.reason(), "sociscope index prune " + repository(loc, ref)));
    }
    RemoteRepository remote = loc.repository();
    if (remote != null) {
      if (!remote.servesReferrersApi(platforms.get(0).manifest().digest())) {
        findings.add(new Finding(Check.NO_REFERRERS_API, "registry " + remote.reference().registry(),
            "the registry has no referrers API; v1 indexes are found through sha256-<digest> fallback tags, which"
                + " another tool's push can overwrite", null));
      }
    } else {
      ran.remove(Check.NO_REFERRERS_API);
    }
    return new HealthReport(loc.display(), List.copyOf(ran), findings);
  }

  private void checkPlatform(OpenedImage loc, String ref, PlatformManifest pm, List<FoundIndex> indexes,
      SociDiscoverer discoverer, int spotChecks, List<Finding> findings) throws IOException {
    String platform = "platform " + pm.platformText();
    List<FoundIndex> usable = indexes.stream().filter(FoundIndex::usable).toList();
    for (FoundIndex f : indexes) {
      if (!f.usable()) {
        findings.add(new Finding(Check.INDEX_UNREADABLE, "index " + f.descriptor().digest(), f.problem(),
            "sociscope index rm " + ref + " " + f.descriptor().digest() + ", then create or convert again"));
      }
    }
    if (usable.isEmpty()) {
      findings.add(new Finding(Check.NO_INDEX, platform, "no usable SOCI index: the image is pulled whole before"
          + " the container starts", "sociscope convert " + ref + " " + suggestedTarget(ref) + " -p "
          + pm.platformText()));
      return;
    }
    boolean v2 = usable.stream().anyMatch(f -> f.version() == SociVersion.V2);
    long v1 = usable.stream().filter(f -> f.version() == SociVersion.V1).count();
    if (!v2) {
      findings.add(new Finding(Check.V1_ONLY, platform, "only v1 indexes: soci-snapshotter 0.10 and later ignore"
          + " them unless configured to use them", "sociscope convert " + ref + " " + suggestedTarget(ref)));
      if (v1 > 1) {
        findings.add(new Finding(Check.AMBIGUOUS_INDEXES, platform, v1 + " v1 indexes for one image manifest:"
            + " the runtime picks one of them, not necessarily the best", "sociscope index rm " + ref
            + " <digest> for all but one (sociscope index list " + ref + " shows them)"));
      }
    }
    FoundIndex used = usable.get(0);
    for (LayerStatus l : discoverer.layers(pm, used.index(), false)) {
      if (!l.indexed()) {
        findings.add(new Finding(Check.LAYER_NOT_INDEXED, "layer " + l.layer().digest(), l.detail() + "; its "
            + l.layer().size() + " bytes are pulled before the container starts", null));
      }
    }
    for (FoundIndex f : usable) {
      checkIndex(loc, pm, f, f == used ? spotChecks : 0, findings);
    }
  }

  private void checkIndex(OpenedImage loc, PlatformManifest pm, FoundIndex f, int spotChecks,
      List<Finding> findings) throws IOException {
    List<Descriptor> layers = pm.manifest().manifest().layers();
    for (ZtocDescriptor z : f.index().ztocs()) {
      String subject = "layer " + z.layerDigest() + " (index " + f.descriptor().digest() + ")";
      Optional<Descriptor> layer = layers.stream().filter(d -> d.digest().equals(z.layerDigest())).findFirst();
      if (layer.isEmpty()) {
        findings.add(new Finding(Check.ZTOC_LAYER_UNKNOWN, subject, "the index has a zTOC for a layer that is"
            + " not in the image manifest: it was built for another image", "rebuild the index for this image"));
        continue;
      }
      byte[] bytes;
      try {
        bytes = loc.store().readBlob(z.descriptor(), dev.sociscope.core.image.BlobKind.ZTOC);
      } catch (dev.sociscope.core.error.CorruptInputException e) {
        findings.add(new Finding(Check.ZTOC_UNREADABLE, subject, e.getMessage(), "rebuild the index"));
        continue;
      } catch (NotFoundException e) {
        findings.add(new Finding(Check.ZTOC_MISSING, subject, "zTOC " + z.ztocDigest() + " is listed but missing",
            "push the index again (sociscope push) or rebuild it"));
        continue;
      } catch (DigestMismatchException e) {
        findings.add(new Finding(Check.ZTOC_UNREADABLE, subject, e.getMessage(), "rebuild the index"));
        continue;
      }
      if (bytes.length != z.ztocSize()) {
        findings.add(new Finding(Check.ZTOC_UNREADABLE, subject, "zTOC " + z.ztocDigest() + " is " + bytes.length
            + " bytes, its descriptor says " + z.ztocSize(), "rebuild the index"));
      }
      ZtocReader.Parsed parsed;
      try {
        parsed = ZtocReader.readWithZinfo(bytes);
      } catch (ZtocFormatException e) {
        findings.add(new Finding(Check.ZTOC_UNREADABLE, subject, "zTOC " + z.ztocDigest() + " is unreadable: "
            + e.getMessage(), "rebuild the index"));
        continue;
      }
      String annotated = z.descriptor().annotation(SociAnnotations.SPAN_SIZE);
      if (annotated != null && !annotated.equals(Long.toString(parsed.zinfo().spanSize()))) {
        findings.add(new Finding(Check.SPAN_SIZE_MISMATCH, subject, "the descriptor says span size " + annotated
            + " but the zTOC was built with " + parsed.zinfo().spanSize(), "rebuild the index"));
      }
      if (spotChecks > 0) {
        SpotChecker checker = new SpotChecker(parsed.ztoc(), parsed.zinfo(),
            BlobRandomAccess.of(loc.store(), layer.get().digest(), layer.get().size()));
        Optional<String> problem = checker.check(SpotChecker.pick(parsed.zinfo().spanCount(), spotChecks));
        problem.ifPresent(p -> findings.add(new Finding(Check.SPOT_CHECK_FAILED, subject, p
            + ": lazy reads of this layer will fail with I/O errors", "rebuild the index (sociscope create --force"
            + " or convert)")));
      }
    }
  }

  private static String suggestedTarget(String ref) {
    return ref.contains("@") ? "<destination>" : ref + "-soci";
  }

  private static String repository(OpenedImage loc, String ref) {
    int at = ref.lastIndexOf('@');
    String noDigest = at > 0 ? ref.substring(0, at) : ref;
    return loc.repository() != null ? loc.repository().describe() : noDigest;
  }

}
