package dev.sociscope.core.layout;

import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.error.InvalidRequestException;
import dev.sociscope.core.error.CorruptInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.image.VerifyingInputStream;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ImageIndex;
import dev.sociscope.core.oci.ImageManifest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciAnnotations;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciFormatException;
import dev.sociscope.core.oci.OciJson;
import dev.sociscope.core.error.DigestMismatchException;
import dev.sociscope.core.error.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An image on disk read in place: an OCI image layout folder ({@code oci:}), an oci-archive tar, or a
 * docker-archive ({@code docker save}; the Docker 25+ form is an OCI layout, the legacy form gets a Docker v2
 * manifest synthesised from {@code manifest.json}, with the uncompressed layer tars as blobs named by their diff
 * ids). Names come from {@code org.opencontainers.image.ref.name} (or Docker's {@code RepoTags}).
 */
public class LocalImageSource implements ImageSource {
  static final int MAX_JSON = 64 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LayoutFiles files;
  private final boolean dockerArchive;
  private ImageIndex index;
  private boolean loaded;
  /** Legacy docker-archive: synthesised manifests and the tar members behind their blobs. */
  private final Map<Digest, OciDocument> syntheticManifests = new LinkedHashMap<>();
  private final Map<Digest, FileRegion> syntheticBlobs = new HashMap<>();
  private final Map<String, Digest> syntheticTags = new LinkedHashMap<>();

  LocalImageSource(LayoutFiles files, boolean dockerArchive) {
    this.files = files;
    this.dockerArchive = dockerArchive;
  }

  /** Reads an OCI layout folder. */
  public static LocalImageSource openLayout(Path dir) throws IOException {
    LocalImageSource s = new LocalImageSource(new DirectoryFiles(dir, "oci:" + dir), false);
    s.requireLayout();
    return s;
  }

  /** Reads an oci-archive (plain or gzip-compressed tar of an OCI layout). */
  public static LocalImageSource openOciArchive(Path file) throws IOException {
    LocalImageSource s = new LocalImageSource(new TarFiles(file, "oci-archive:" + file), false);
    try {
      s.requireLayout();
    } catch (IOException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** Reads a {@code docker save} archive, legacy or Docker 25+ form. */
  public static LocalImageSource openDockerArchive(Path file) throws IOException {
    LocalImageSource s = new LocalImageSource(new TarFiles(file, "docker-archive:" + file), true);
    try {
      s.load();
    } catch (IOException e) {
      s.close();
      throw e;
    }
    return s;
  }

  LayoutFiles files() {
    return files;
  }

  private void requireLayout() throws IOException {
    if (files.find("oci-layout").isEmpty()) {
      throw new CorruptInputException(describe() + " is not an OCI image layout: the file 'oci-layout' is missing");
    }
    load();
  }

  /** Forgets the cached index (after a write). */
  void invalidate() {
    loaded = false;
    index = null;
  }

  private void load() throws IOException {
    if (loaded) {
      return;
    }
    Optional<FileRegion> indexFile = files.find("index.json");
    if (indexFile.isPresent()) {
      try {
        index = OciJson.parseIndex(indexFile.get().readAll(MAX_JSON));
      } catch (OciFormatException e) {
        throw new CorruptInputException(describe() + ": index.json is not a valid image index: " + e.getMessage(), e);
      }
    } else if (dockerArchive) {
      loadLegacyDockerArchive();
    } else {
      throw new CorruptInputException(describe() + " has no index.json");
    }
    loaded = true;
  }

  private void loadLegacyDockerArchive() throws IOException {
    FileRegion manifestJson = files.find("manifest.json").orElseThrow(() -> new CorruptInputException(describe()
        + " is not a docker-archive: neither index.json nor manifest.json is present"));
    JsonNode images = readJson(manifestJson, "manifest.json");
    if (!images.isArray() || images.isEmpty()) {
      throw new CorruptInputException(describe() + ": manifest.json is not a non-empty array of images");
    }
    int n = 0;
    for (JsonNode image : images) {
      String where = "manifest.json entry " + n++;
      String configPath = image.path("Config").asText("");
      FileRegion configRegion = files.find(configPath).orElseThrow(() -> new CorruptInputException(describe() + ": "
          + where + " names config '" + configPath + "', which is not in the archive"));
      byte[] configBytes = configRegion.readAll(MAX_JSON);
      Digest configDigest = Digest.of(configBytes);
      syntheticBlobs.put(configDigest, configRegion);
      JsonNode diffIds = readJsonBytes(configBytes, configPath).path("rootfs").path("diff_ids");
      JsonNode layers = image.path("Layers");
      if (!layers.isArray() || diffIds.size() != layers.size()) {
        throw new CorruptInputException(describe() + ": " + where + " lists " + layers.size() + " layers but its config has "
            + diffIds.size() + " diff_ids");
      }
      List<Descriptor> layerDescriptors = new ArrayList<>();
      for (int i = 0; i < layers.size(); i++) {
        String layerPath = layers.get(i).asText();
        FileRegion region = files.find(layerPath).orElseThrow(() -> new CorruptInputException(describe() + ": " + where
            + " names layer '" + layerPath + "', which is not in the archive"));
        Digest diffId;
        try {
          diffId = Digest.parse(diffIds.get(i).asText());
        } catch (IllegalArgumentException e) {
          throw new CorruptInputException(describe() + ": " + configPath + " has a bad diff_id: " + e.getMessage());
        }
        syntheticBlobs.put(diffId, region);
        layerDescriptors.add(Descriptor.of(MediaType.DOCKER_LAYER_TAR, diffId, region.length()));
      }
      ImageManifest manifest = ImageManifest.of(MediaType.DOCKER_MANIFEST,
          Descriptor.of(MediaType.DOCKER_CONFIG, configDigest, configBytes.length), layerDescriptors, Map.of());
      OciDocument doc;
      try {
        doc = OciDocument.parse(OciJson.write(manifest), MediaType.DOCKER_MANIFEST);
      } catch (OciFormatException e) {
        throw new IllegalStateException("synthesised manifest does not parse", e);
      }
      syntheticManifests.put(doc.digest(), doc);
      for (JsonNode tag : image.path("RepoTags")) {
        syntheticTags.putIfAbsent(tag.asText(), doc.digest());
      }
      syntheticTags.putIfAbsent("#" + (n - 1), doc.digest());
    }
  }

  private JsonNode readJson(FileRegion region, String name) throws IOException {
    return readJsonBytes(region.readAll(MAX_JSON), name);
  }

  private JsonNode readJsonBytes(byte[] bytes, String name) throws IOException {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new CorruptInputException(describe() + ": " + name + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return files.describe();
  }

  /** The parsed {@code index.json} (an empty index for a legacy docker-archive). */
  public ImageIndex index() throws IOException {
    load();
    return index != null ? index : ImageIndex.of(List.of());
  }

  /** The {@code index.json} entry a name selects (see {@link #manifest}); empty for digests and legacy archives. */
  public Optional<Descriptor> entryFor(String name) throws IOException {
    load();
    if (index == null) {
      return Optional.empty();
    }
    List<Descriptor> entries = index.manifests();
    if (name == null || name.isEmpty()) {
      return entries.size() == 1 ? Optional.of(entries.get(0)) : Optional.empty();
    }
    for (Descriptor d : entries) {
      if (name.equals(d.annotation(OciAnnotations.REF_NAME))) {
        return Optional.of(d);
      }
    }
    for (Descriptor d : entries) {
      for (String key : List.of(OciAnnotations.REF_NAME, OciAnnotations.CONTAINERD_IMAGE_NAME)) {
        String value = d.annotation(key);
        if (value != null && (value.endsWith(":" + name) || value.endsWith("@" + name))) {
          return Optional.of(d);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The manifest for a digest, or for a name in {@code index.json} ({@code ref.name} equal to it, or a full
   * reference ending in {@code :name}); an empty name selects the only entry.
   */
  @Override
  public OciDocument manifest(String reference) throws IOException {
    load();
    Digest digest;
    String typeHint = null;
    if (reference != null && reference.startsWith("sha256:")) {
      try {
        digest = Digest.parse(reference);
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException("'" + reference + "' is not a sha256 digest");
      }
      if (index != null) {
        for (Descriptor d : index.manifests()) {
          if (d.digest().equals(digest)) {
            typeHint = d.mediaType();
          }
        }
      }
    } else if (index != null) {
      Optional<Descriptor> found = entryFor(reference);
      if (found.isEmpty()) {
        throw new NotFoundException("No image named '" + (reference == null ? "" : reference) + "' in " + describe()
            + " (names: " + String.join(", ", tagsOrNone()) + ")");
      }
      Descriptor entry = found.get();
      digest = entry.digest();
      typeHint = entry.mediaType();
    } else {
      String key = reference == null || reference.isEmpty() ? "#0" : reference;
      digest = syntheticTags.get(key);
      if (digest == null) {
        for (Map.Entry<String, Digest> e : syntheticTags.entrySet()) {
          if (e.getKey().endsWith(":" + key)) {
            digest = e.getValue();
            break;
          }
        }
      }
      if (digest == null) {
        throw new NotFoundException("No image named '" + reference + "' in " + describe() + " (names: "
            + String.join(", ", tagsOrNone()) + ")");
      }
    }
    OciDocument synthetic = syntheticManifests.get(digest);
    if (synthetic != null) {
      return synthetic;
    }
    FileRegion region = blobRegion(digest).orElseThrow(() -> new NotFoundException("Manifest " + reference
        + " is not in " + describe()));
    byte[] bytes = region.readAll(MAX_JSON);
    Digest actual = Digest.of(bytes);
    if (!actual.equals(digest)) {
      throw new DigestMismatchException("Manifest blob " + digest + " in " + describe(), digest, actual);
    }
    try {
      return OciDocument.parse(bytes, typeHint == null || typeHint.isEmpty() ? null : typeHint);
    } catch (OciFormatException e) {
      throw new CorruptInputException("Manifest " + digest + " in " + describe() + " is not usable: " + e.getMessage(), e);
    }
  }

  private List<String> tagsOrNone() throws IOException {
    List<String> tags = tags();
    return tags.isEmpty() ? List.of("none") : tags;
  }

  Optional<FileRegion> blobRegion(Digest digest) throws IOException {
    FileRegion synthetic = syntheticBlobs.get(digest);
    if (synthetic != null) {
      return Optional.of(synthetic);
    }
    return files.find("blobs/sha256/" + digest.hex());
  }

  private FileRegion requireBlob(Digest digest) throws IOException {
    return blobRegion(digest).orElseThrow(() -> new NotFoundException("Blob " + digest + " is not in " + describe()));
  }

  @Override
  public InputStream openBlob(Digest digest) throws IOException {
    return new VerifyingInputStream(requireBlob(digest).open(), digest, "Blob " + digest + " in " + describe());
  }

  @Override
  public InputStream openBlobRange(Digest digest, long offset, long length) throws IOException {
    FileRegion region = requireBlob(digest);
    if (offset < 0 || length < 0 || offset > region.length() || length > region.length() - offset) {
      throw new InvalidRequestException("Range " + offset + "+" + length + " is outside blob " + digest + " ("
          + region.length() + " bytes) in " + describe());
    }
    return region.open(offset, length);
  }

  @Override
  public long blobSize(Digest digest) throws IOException {
    return requireBlob(digest).length();
  }

  @Override
  public List<String> tags() throws IOException {
    load();
    List<String> tags = new ArrayList<>();
    if (index != null) {
      for (Descriptor d : index.manifests()) {
        String name = OciAnnotations.imageName(d); // containerd's exports name images only in its own key
        if (name != null && !tags.contains(name)) {
          tags.add(name);
        }
      }
    } else {
      syntheticTags.keySet().stream().filter(t -> !t.startsWith("#")).forEach(tags::add);
    }
    return tags;
  }

  /** Manifests reachable from {@code index.json} whose subject is {@code subject} (a scan; no fallback tags). */
  @Override
  public List<Descriptor> referrers(Digest subject, String artifactType) throws IOException {
    load();
    List<Descriptor> found = new ArrayList<>();
    if (index == null) {
      return found;
    }
    Deque<Descriptor> todo = new ArrayDeque<>(index.manifests());
    Set<Digest> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      Descriptor d = todo.poll();
      if (!seen.add(d.digest()) || blobRegion(d.digest()).isEmpty()
          || !(MediaType.isIndex(d.mediaType()) || MediaType.isManifest(d.mediaType()) || d.mediaType().isEmpty())) {
        continue;
      }
      OciDocument doc;
      try {
        doc = manifest(d.digest().toString());
      } catch (SociscopeException e) {
        continue; // not a manifest we can read: it cannot be a referrer we can show
      }
      if (doc.isIndex()) {
        todo.addAll(doc.index().manifests());
        Descriptor s = doc.index().subject();
        if (s != null && s.digest().equals(subject)) {
          add(found, doc, doc.index().artifactType(), doc.index().annotations(), artifactType);
        }
      } else if (doc.isManifest()) {
        Descriptor s = doc.manifest().subject();
        if (s != null && s.digest().equals(subject)) {
          add(found, doc, doc.manifest().effectiveArtifactType(), doc.manifest().annotations(), artifactType);
        }
      }
    }
    return found;
  }

  private static void add(List<Descriptor> found, OciDocument doc, String type, Map<String, String> annotations,
      String wanted) {
    if (wanted == null || wanted.equals(type)) {
      found.add(doc.descriptor().withArtifactType(type).withAnnotations(annotations));
    }
  }

  @Override
  public void close() throws IOException {
    files.close();
  }
}
