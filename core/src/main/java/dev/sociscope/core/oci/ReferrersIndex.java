package dev.sociscope.core.oci;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A list of referrers: the body of a referrers API response or of a {@code sha256-<hex>} fallback tag (spec 2.5,
 * 2.6 step 4, 7.9).
 *
 * <pre>{@code
 * {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
 *  {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:9d4a…","size":1123,
 *   "annotations":{"com.amazon.soci.build-tool-identifier":"AWS SOCI CLI v0.2"},
 *   "artifactType":"application/vnd.amazon.soci.index.v1+json"}]}
 * }</pre>
 *
 * <p>Updating the fallback tag follows oras-go (the library upstream pushes with): entries are identified by
 * {@code (mediaType, digest, size)}; duplicates and already listed referrers are not added twice; nothing else is
 * dropped; the new index is a fresh {@code {schemaVersion:2, mediaType: OCI index, manifests}} (index annotations
 * are not carried over).
 */
public final class ReferrersIndex {
  /** Older registries put the applied filters into this index annotation instead of a header. */
  public static final String FILTERS_APPLIED_ANNOTATION = "org.opencontainers.referrers.filtersApplied";

  private final List<Descriptor> referrers;
  private final boolean changed;

  private ReferrersIndex(List<Descriptor> referrers, boolean changed) {
    this.referrers = List.copyOf(referrers);
    this.changed = changed;
  }

  /** No referrers (fallback tag answered 404). */
  public static ReferrersIndex empty() {
    return new ReferrersIndex(List.of(), false);
  }

  /** The referrers listed in an index (referrers response or fallback tag body). */
  public static ReferrersIndex of(ImageIndex index) {
    return new ReferrersIndex(index.manifests(), false);
  }

  /** Parses a referrers response or fallback tag body. */
  public static ReferrersIndex parse(byte[] bytes) throws OciFormatException {
    return of(OciJson.parseIndex(bytes));
  }

  /** The listed referrers, in order. */
  public List<Descriptor> referrers() {
    return referrers;
  }

  /** Referrers whose {@code artifactType} equals the given one (client-side filtering). */
  public List<Descriptor> withArtifactType(String artifactType) {
    List<Descriptor> out = new ArrayList<>();
    for (Descriptor d : referrers) {
      if (d.artifactType().equals(artifactType)) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * Whether the server already filtered a referrers response by artifact type: the {@code OCI-Filters-Applied}
   * header lists {@code artifactType}, or (older servers) the response index carries the annotation
   * {@value #FILTERS_APPLIED_ANNOTATION} listing it. When false the client must filter (spec 2.5).
   *
   * @param filtersAppliedHeader the header value, or null when absent
   */
  public static boolean artifactTypeFilterApplied(String filtersAppliedHeader, ImageIndex response) {
    return listsArtifactType(filtersAppliedHeader)
        || listsArtifactType(response.annotation(FILTERS_APPLIED_ANNOTATION));
  }

  private static boolean listsArtifactType(String commaSeparated) {
    if (commaSeparated == null) {
      return false;
    }
    for (String part : commaSeparated.split(",")) {
      if (part.trim().equals("artifactType")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The index with {@code referrer} appended unless an entry with the same media type, digest and size is already
   * listed. Duplicate entries already present are dropped (oras-go does the same), all other entries are kept.
   * Use {@link #needsUpdate()} on the result to decide whether to push.
   */
  public ReferrersIndex add(Descriptor referrer) {
    Objects.requireNonNull(referrer, "referrer == null");
    Set<Key> seen = new LinkedHashSet<>();
    List<Descriptor> out = new ArrayList<>();
    boolean dirty = false;
    for (Descriptor d : referrers) {
      if (seen.add(Key.of(d))) {
        out.add(d);
      } else {
        dirty = true;
      }
    }
    if (seen.add(Key.of(referrer))) {
      out.add(referrer);
      dirty = true;
    }
    return new ReferrersIndex(out, dirty);
  }

  /** Whether {@link #add} changed anything, i.e. whether the fallback tag must be written. */
  public boolean needsUpdate() {
    return changed;
  }

  /** The index to PUT under the fallback tag. */
  public ImageIndex toIndex() {
    return new ImageIndex(2, MediaType.OCI_INDEX, "", referrers, null, Map.of(), Map.of());
  }

  /** Compact Go JSON of {@link #toIndex()}. */
  public byte[] toBytes() {
    return OciJson.write(toIndex());
  }

  /**
   * The descriptor a registry (or the fallback tag) lists for a manifest that has a {@code subject}:
   * {@code mediaType, digest, size} of its bytes, its annotations, and its artifact type
   * ({@code artifactType}, else {@code config.mediaType}).
   */
  public static Descriptor referrerDescriptor(OciDocument manifest) {
    ImageManifest m = manifest.manifest();
    return manifest.descriptor()
        .withAnnotations(m.annotations())
        .withArtifactType(m.effectiveArtifactType());
  }

  /**
   * The fallback tag for a subject digest: algorithm, {@code -}, encoded part; algorithm cut to 32 characters and
   * the encoded part to 64; characters not allowed in tags replaced by {@code -}.
   */
  public static String fallbackTag(Digest subject) {
    return fallbackTag(subject.toString());
  }

  /** {@link #fallbackTag(Digest)} for a digest string of any algorithm ({@code alg:encoded}). */
  public static String fallbackTag(String digest) {
    int colon = digest.indexOf(':');
    if (colon <= 0 || colon == digest.length() - 1) {
      throw new IllegalArgumentException("not a digest (expected <algorithm>:<encoded>): '" + digest + "'");
    }
    String alg = truncate(digest.substring(0, colon), 32);
    String encoded = truncate(digest.substring(colon + 1), 64);
    return sanitize(alg + "-" + encoded);
  }

  private static String truncate(String s, int max) {
    return s.length() > max ? s.substring(0, max) : s;
  }

  private static String sanitize(String tag) {
    StringBuilder sb = new StringBuilder(tag.length());
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
          || i > 0 && (c == '.' || c == '-');
      sb.append(ok ? c : '-');
    }
    return sb.toString();
  }

  private record Key(String mediaType, Digest digest, long size) {
    static Key of(Descriptor d) {
      return new Key(d.mediaType(), d.digest(), d.size());
    }
  }

  @Override
  public String toString() {
    return "referrers " + referrers;
  }
}
