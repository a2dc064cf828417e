package dev.sociscope.core.workflow;

import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SOCI entries of a repository's referrers fallback tags ({@code sha256-<hex>}, spec 2.5) whose subject image
 * manifest or index manifest no longer exists: what piles up when images are deleted. Other referrers (signatures,
 * SBOMs) are never reported.
 */
public final class FallbackTags {
  private static final Pattern TAG = Pattern.compile("sha256-[0-9a-f]{64}");

  private FallbackTags() {}

  /**
   * One SOCI entry of a fallback tag that points at nothing live.
   *
   * @param tag the fallback tag
   * @param subject the image manifest the tag is for
   * @param entry the SOCI index descriptor listed there
   * @param subjectGone the image manifest no longer exists
   * @param indexGone the index manifest no longer exists
   */
  public record Orphan(String tag, Digest subject, Descriptor entry, boolean subjectGone, boolean indexGone) {
    /** Why it is an orphan, in a few words. */
    public String reason() {
      return subjectGone ? "its image manifest " + subject + " is gone"
          : "its index manifest " + entry.digest() + " is gone";
    }
  }

  /** Every orphaned SOCI entry in the fallback tags of {@code store}. */
  public static List<Orphan> orphans(ImageSource store) throws IOException {
    List<Orphan> out = new ArrayList<>();
    for (String tag : store.tags()) {
      if (!TAG.matcher(tag).matches()) {
        continue;
      }
      Digest subject = Digest.parse("sha256:" + tag.substring("sha256-".length()));
      Optional<OciDocument> list = store.findManifest(tag);
      if (list.isEmpty() || !list.get().isIndex()) {
        continue;
      }
      boolean subjectGone = store.findManifest(subject.toString()).isEmpty();
      for (Descriptor d : list.get().index().manifests()) {
        if (!MediaType.isSociIndex(d.artifactType())) {
          continue; // signatures, SBOMs and other referrers are not ours to judge
        }
        boolean indexGone = store.findManifest(d.digest().toString()).isEmpty();
        if (subjectGone || indexGone) {
          out.add(new Orphan(tag, subject, d, subjectGone, indexGone));
        }
      }
    }
    return out;
  }
}
