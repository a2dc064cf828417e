package dev.sociscope.core.workflow;

import dev.sociscope.core.error.CorruptInputException;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.image.PlatformManifest;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciFormatException;
import dev.sociscope.core.registry.RemoteRepository;
import dev.sociscope.core.soci.EmptySociIndexException;
import dev.sociscope.core.soci.SociBuildException;
import dev.sociscope.core.soci.SociConvert;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/**
 * {@code soci convert SRC DST} (spec 3.2, 3.5): builds a v2 index for each selected platform, rewrites the image
 * manifests, and writes the SOCI-enabled image (every blob of the image, zTOCs, {@code {}}, indexes, manifests and
 * the new image index, children first) to a registry repository or an OCI layout, tagged as DST.
 */
public final class SociConverter {
  private final SociCreator creator;
  private final ZtocCache cache;
  private final CreateListener listener;

  public SociConverter(SociCreator creator, ZtocCache cache, CreateListener listener) {
    this.creator = creator;
    this.cache = cache;
    this.listener = listener == null ? CreateListener.NONE : listener;
  }

  public ConvertResult convert(OpenedImage src, OpenedImage dst, ImageResolver.PlatformSelection selection,
      SociIndexOptions options, boolean force) throws IOException, SociBuildException {
    return convert(src, dst, selection, options, force, false);
  }

  /**
   * Converts, or with {@code dryRun} builds everything (zTOCs land in the cache) and writes nothing to the
   * destination; {@link ConvertResult#preview()} then says what would be written.
   */
  public ConvertResult convert(OpenedImage src, OpenedImage dst, ImageResolver.PlatformSelection selection,
      SociIndexOptions options, boolean force, boolean dryRun) throws IOException, SociBuildException {
    if (!dst.isTagged()) {
      throw new IllegalArgumentException("the destination of convert must be a tag, not a digest: " + dst.display());
    }
    SociIndexOptions v2 = options.withVersion(SociVersion.V2);
    OciDocument top = src.store().manifest(src.reference());
    ImageResolver.PlatformSelection effective = top.isManifest() ? ImageResolver.PlatformSelection.ALL : selection;
    List<PlatformManifest> selected = ImageResolver.resolve(src.store(), top, effective);
    List<PlatformManifest> available = top.isManifest() ? selected
        : ImageResolver.resolve(src.store(), top, ImageResolver.PlatformSelection.ALL);

    List<CreatedIndex> built = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<SociConvert.PlatformIndex> platformIndexes = new ArrayList<>();
    for (PlatformManifest pm : selected) {
      try {
        CreatedIndex ci = creator.create(pm, v2, force);
        built.add(ci);
        platformIndexes.add(SociConvert.PlatformIndex.of(pm.manifest().digest(), null, ci.build()));
      } catch (EmptySociIndexException e) {
        skipped.add(pm.platformText() + ": " + e.getMessage());
        listener.message("platform " + pm.platformText() + " skipped: " + e.getMessage());
      }
    }
    SociConvert.Result result;
    if (top.isManifest()) {
      var platform = ImageResolver.configPlatform(src.store(), top);
      if (platform == null) {
        throw new CorruptInputException("the image config of " + src.display() + " names no os/architecture");
      }
      result = SociConvert.convertManifest(top, platform, platformIndexes);
    } else {
      Map<Digest, OciDocument> docs = new LinkedHashMap<>();
      for (PlatformManifest pm : available) {
        docs.put(pm.manifest().digest(), pm.manifest());
      }
      result = SociConvert.convertIndex(top, docs, platformIndexes);
    }
    if (!dryRun) {
      write(src, dst, available, built, result);
    }
    return new ConvertResult(dst.display(), result, built, skipped, null);
  }

  private void write(OpenedImage src, OpenedImage dst, List<PlatformManifest> available,
      List<CreatedIndex> built, SociConvert.Result result) throws IOException {
    OpenedImage.Store out = dst.store();
    Set<Digest> done = new HashSet<>();
    for (PlatformManifest pm : available) {
      List<Descriptor> blobs = new ArrayList<>();
      blobs.add(pm.manifest().manifest().config());
      blobs.addAll(pm.manifest().manifest().layers());
      for (Descriptor b : blobs) {
        if (done.add(b.digest())) {
          copyBlob(src, dst, b);
        }
      }
    }
    for (CreatedIndex ci : built) {
      for (Descriptor b : ci.build().index().blobs()) {
        if (done.add(b.digest()) && !out.hasBlob(b.digest())) {
          out.putBlob(b.digest(), cache.content(b.digest()));
        }
      }
      out.putManifest(ci.document(), null);
    }
    for (SociConvert.RewrittenManifest m : result.manifests()) {
      out.putManifest(parse(m.bytes(), MediaType.OCI_MANIFEST), null);
    }
    // Entries not rewritten (not available in the source) must already exist at the destination.
    Set<Digest> rewritten = new HashSet<>();
    result.manifests().forEach(m -> rewritten.add(m.digest()));
    built.forEach(ci -> rewritten.add(ci.build().digest()));
    for (Descriptor d : result.index().manifests()) {
      if (!rewritten.contains(d.digest()) && out.findManifest(d.digest().toString()).isEmpty()) {
        var fromSource = src.store().findManifest(d.digest().toString());
        if (fromSource.isPresent()) {
          if (fromSource.get().isManifest()) { // e.g. attestations: copied as they are, blobs first
            List<Descriptor> blobs = new ArrayList<>();
            blobs.add(fromSource.get().manifest().config());
            blobs.addAll(fromSource.get().manifest().layers());
            for (Descriptor b : blobs) {
              if (done.add(b.digest())) {
                copyBlob(src, dst, b);
              }
            }
          }
          out.putManifest(fromSource.get(), null);
        } else {
          listener.message("warning: " + d.digest() + " (" + d.mediaType() + ") is listed but not available");
        }
      }
    }
    out.putManifest(parse(result.indexBytes(), MediaType.OCI_INDEX), dst.reference());
    listener.message("converted image " + dst.display() + " -> " + result.indexDigest());
  }

  private void copyBlob(OpenedImage src, OpenedImage dst, Descriptor b) throws IOException {
    if (dst.store().hasBlob(b.digest())) {
      return;
    }
    RemoteRepository from = src.repository();
    RemoteRepository to = dst.repository();
    BlobContent content = BlobContent.ofSource(src.store(), b.digest(), b.size());
    if (from != null && to != null && from.reference().registry().equals(to.reference().registry())) {
      to.mountOrUpload(b.digest(), from.name(), content);
    } else {
      dst.store().putBlob(b.digest(), content);
    }
  }

  private static OciDocument parse(byte[] bytes, String type) {
    try {
      return OciDocument.parse(bytes, type);
    } catch (OciFormatException e) {
      throw new IllegalStateException("wrote an unreadable document", e);
    }
  }

  /** Why the source or destination already has SOCI artifacts, if it has. */
  static Optional<String> existingSoci(OpenedImage from, OpenedImage to) throws IOException {
    OciDocument top = from.store().manifest(from.reference());
    if (isSociEnabled(top)) {
      return Optional.of(from.display() + " is already a SOCI-enabled image");
    }
    Optional<OciDocument> there = to.store().findManifest(to.reference());
    if (there.isPresent() && isSociEnabled(there.get())) {
      return Optional.of(to.display() + " already holds a SOCI-enabled image");
    }
    return Optional.empty();
  }

  private static boolean isSociEnabled(OciDocument doc) {
    if (doc.isIndex()) {
      return new dev.sociscope.core.soci.SociEnabledIndex(doc.index()).isSociEnabled();
    }
    return doc.isManifest() && dev.sociscope.core.soci.SociEnabledIndex.indexDigestOf(doc.manifest()).isPresent();
  }}
