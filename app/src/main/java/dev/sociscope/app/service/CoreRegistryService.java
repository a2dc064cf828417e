package dev.sociscope.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.app.activity.ActivityLog;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.common.Sizes;
import dev.sociscope.app.ztoc.LayerSource;
import dev.sociscope.app.ztoc.ZtocDocument;
import dev.sociscope.core.extract.RandomAccessSource;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ImageManifest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.image.ImageReference;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.layout.LocalImageSource;
import java.nio.file.Path;
import dev.sociscope.core.registry.auth.CredentialProvider;
import dev.sociscope.core.registry.auth.Credentials;
import dev.sociscope.core.registry.auth.DockerConfigCredentials;
import dev.sociscope.core.soci.SociAnnotations;
import dev.sociscope.core.soci.SociIndex;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.soci.ZtocDescriptor;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;

/** The registry service over core's {@link RegistryClient}; one client per connection, requests logged. */
public final class CoreRegistryService implements RegistryService {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http;
  private final Map<RegistryConnection, RegistryClient> clients = new ConcurrentHashMap<>();

  private final Path ztocCacheDir;

  public CoreRegistryService(ActivityLog activity) {
    this(activity, dev.sociscope.core.layout.ZtocCache.defaultDir());
  }

  /** @param ztocCacheDir where indexes built by the create wizard keep their zTOCs */
  public CoreRegistryService(ActivityLog activity, Path ztocCacheDir) {
    this.http = new OkHttpClient.Builder().addNetworkInterceptor(new RequestLog(activity)).build();
    this.ztocCacheDir = ztocCacheDir;
  }

  private RegistryClient client(RegistryConnection c) {
    String host = c.apiHost();
    if (c.wantsPlainHttp() && !c.registry().allowPlainHttp()) {
      throw new IllegalArgumentException(Messages.get("registry.error.plainHttp", c.registry().url()));
    }
    return clients.computeIfAbsent(c, key -> {
      RegistryClient.Builder b = RegistryClient.builder().okHttpClient(http).credentials(credentials(key, host));
      if (key.registry().allowPlainHttp()) {
        b.plainHttp(host);
      }
      return b.build();
    });
  }

  private static CredentialProvider credentials(RegistryConnection c, String host) {
    switch (c.registry().auth()) {
      case PASSWORD:
        return CredentialProvider.forHost(host, Credentials.basic(c.registry().username(), c.secret()));
      case TOKEN:
        return CredentialProvider.forHost(host, Credentials.registryToken(c.secret()));
      case DOCKER_CREDENTIALS:
        return DockerConfigCredentials.fromEnvironment();
      default:
        return CredentialProvider.ANONYMOUS;
    }
  }

  private final Map<RegistryConnection, ImageSource> localSources = new ConcurrentHashMap<>();

  /** The repository on a registry, or the image on disk (which has one "repository", itself). */
  private ImageSource repository(RegistryConnection c, String repository) throws IOException {
    if (c.isLocal()) {
      ImageSource open = localSources.get(c);
      if (open == null) {
        open = openLocal(c.registry().url());
        localSources.put(c, open);
      }
      return open;
    }
    return client(c).repository(ImageReference.of(c.apiHost(), repository, ImageReference.DEFAULT_TAG));
  }

  private static ImageSource openLocal(String url) throws IOException {
    if (url.startsWith("oci:")) {
      return LocalImageSource.openLayout(Path.of(url.substring("oci:".length())));
    }
    if (url.startsWith("archive:")) {
      // An archive of either kind: try the OCI layout inside first, then Docker's save format.
      Path file = Path.of(url.substring("archive:".length()));
      try {
        return LocalImageSource.openOciArchive(file);
      } catch (IOException e) {
        return LocalImageSource.openDockerArchive(file);
      }
    }
    if (url.startsWith("oci-archive:")) {
      return LocalImageSource.openOciArchive(Path.of(url.substring("oci-archive:".length())));
    }
    return LocalImageSource.openDockerArchive(Path.of(url.substring("docker-archive:".length())));
  }

  /** The "repository" name shown for an image on disk: its file or folder name. */
  static String localName(RegistryConnection c) {
    String url = c.registry().url();
    Path p = Path.of(url.substring(url.indexOf(':') + 1));
    return p.getFileName() == null ? p.toString() : p.getFileName().toString();
  }

  @Override
  public void connect(RegistryConnection connection, Progress progress) throws Exception {
    progress.update(-1, -1);
    if (connection.isLocal()) {
      repository(connection, localName(connection));
      return;
    }
    client(connection).ping(connection.apiHost(), Cancellation.NONE);
  }

  @Override
  public List<String> repositories(RegistryConnection connection, Progress progress) throws Exception {
    progress.update(-1, -1);
    if (connection.isLocal()) {
      return List.of(localName(connection));
    }
    return client(connection).catalog(connection.apiHost(), Cancellation.NONE);
  }

  @Override
  public List<String> tags(RegistryConnection connection, String repository, Progress progress) throws Exception {
    progress.update(-1, -1);
    return repository(connection, repository).tags();
  }

  @Override
  public dev.sociscope.core.registry.Page repositoryPage(RegistryConnection connection, int pageSize, String after,
      Progress progress) throws Exception {
    progress.update(-1, -1);
    if (connection.isLocal()) {
      return new dev.sociscope.core.registry.Page(after == null ? List.of(localName(connection)) : List.of(),
          java.util.Optional.empty());
    }
    dev.sociscope.core.registry.Page page = client(connection).catalogPage(connection.apiHost(), pageSize, after,
        Cancellation.NONE);
    progress.checkCancelled();
    return page;
  }

  @Override
  public dev.sociscope.core.registry.Page tagPage(RegistryConnection connection, String repository, int pageSize,
      String after, Progress progress) throws Exception {
    progress.update(-1, -1);
    ImageSource source = repository(connection, repository);
    if (source instanceof dev.sociscope.core.registry.RemoteRepository remote) {
      dev.sociscope.core.registry.Page page = remote.tagsPage(pageSize, after);
      progress.checkCancelled();
      return page;
    }
    return new dev.sociscope.core.registry.Page(after == null ? source.tags() : List.of(),
        java.util.Optional.empty());
  }

  @Override
  public ImageDetails image(RegistryConnection connection, String repositoryName, String reference, String platform,
      Progress progress) throws Exception {
    ImageSource repo = repository(connection, repositoryName);
    OciDocument top = repo.manifest(reference);
    progress.checkCancelled();
    List<String> platforms = new ArrayList<>();
    List<Descriptor> v2Indexes = new ArrayList<>();
    String chosen = "";
    OciDocument manifestDoc = top;
    Descriptor chosenDescriptor = null;
    if (top.isIndex()) {
      for (Descriptor d : top.index().manifests()) {
        if (SociVersion.fromArtifactType(d.artifactType()) != null) {
          v2Indexes.add(d);
        } else if (d.platform() != null) {
          platforms.add(d.platform().format());
        }
      }
      for (Descriptor d : top.index().manifests()) {
        boolean image = SociVersion.fromArtifactType(d.artifactType()) == null && d.platform() != null;
        if (image && (chosenDescriptor == null || d.platform().format().equals(platform))) {
          chosenDescriptor = d;
          if (d.platform().format().equals(platform)) {
            break;
          }
        }
      }
      if (chosenDescriptor == null) {
        throw new IOException(repositoryName + ":" + reference + " is an index without image manifests");
      }
      chosen = chosenDescriptor.platform().format();
      manifestDoc = repo.manifest(chosenDescriptor.digest().toString());
    }
    if (!manifestDoc.isManifest()) {
      throw new IOException(repositoryName + ":" + reference + " is not an image manifest (" + manifestDoc.mediaType()
          + ")");
    }
    ImageManifest manifest = manifestDoc.manifest();
    progress.checkCancelled();
    List<ImageDetails.Fact> facts = configFacts(repo, manifest);

    // SOCI indexes: v2 ones bundled in the index (the one the manifest points at, if it says), v1 via referrers.
    Map<String, ImageDetails.SociIndexRow> rows = new LinkedHashMap<>();
    Map<Digest, ZtocDescriptor> ztocs = new HashMap<>();
    String pointed = chosenDescriptor == null ? null : chosenDescriptor.annotation(SociAnnotations.INDEX_DIGEST);
    for (Descriptor d : v2Indexes) {
      if (pointed != null && !pointed.equals(d.digest().toString())) {
        continue;
      }
      addIndex(repo, d, rows, ztocs);
    }
    for (Descriptor d : repo.referrers(manifestDoc.digest(), null)) {
      if (SociVersion.fromArtifactType(d.artifactType()) != null) {
        addIndex(repo, d, rows, ztocs);
      }
    }
    List<ImageDetails.Layer> layers = new ArrayList<>();
    int i = 0;
    for (Descriptor l : manifest.layers()) {
      ZtocDescriptor z = ztocs.get(l.digest());
      String status;
      if (z != null) {
        status = Messages.get("image.soci.indexed", z.spanSize() > 0 ? Sizes.human(z.spanSize()) : "?");
      } else if (rows.isEmpty()) {
        status = Messages.get("image.soci.noIndex");
      } else {
        status = Messages.get("image.soci.skipped");
      }
      layers.add(new ImageDetails.Layer(i++, l.digest().toString(), l.mediaType(), l.size(),
          z == null ? "" : z.ztocDigest().toString(), z == null ? 0 : z.ztocSize(), z == null ? 0 : z.spanSize(),
          status));
    }
    return new ImageDetails(repositoryName + ":" + reference, top.digest().toString(), top.mediaType(), platforms,
        chosen, manifestDoc.digest().toString(), facts, layers, new ArrayList<>(rows.values()));
  }

  private static void addIndex(ImageSource repo, Descriptor d, Map<String, ImageDetails.SociIndexRow> rows,
      Map<Digest, ZtocDescriptor> ztocs) throws IOException, dev.sociscope.core.oci.OciFormatException {
    if (rows.containsKey(d.digest().toString())) {
      return;
    }
    SociIndex index = SociIndex.from(repo.manifest(d.digest().toString()));
    rows.put(d.digest().toString(), new ImageDetails.SociIndexRow(d.digest().toString(),
        index.version().name().toLowerCase(), index.buildToolIdentifier(), index.ztocs().size(), d.size()));
    for (ZtocDescriptor z : index.ztocs()) {
      ztocs.putIfAbsent(z.layerDigest(), z);
    }
  }

  private static List<ImageDetails.Fact> configFacts(ImageSource repo, ImageManifest manifest)
      throws IOException {
    List<ImageDetails.Fact> facts = new ArrayList<>();
    Descriptor cfg = manifest.config();
    facts.add(new ImageDetails.Fact(Messages.get("image.config.digest"), cfg.digest().toString()));
    if (!MediaType.OCI_CONFIG.equals(cfg.mediaType()) && !MediaType.DOCKER_CONFIG.equals(cfg.mediaType())) {
      facts.add(new ImageDetails.Fact(Messages.get("image.config.mediaType"), cfg.mediaType()));
      return facts;
    }
    JsonNode json = JSON.readTree(repo.readBlob(cfg.digest()));
    fact(facts, "image.config.platform", json.path("os").asText("") + "/" + json.path("architecture").asText("")
        + (json.hasNonNull("variant") ? "/" + json.get("variant").asText() : ""));
    fact(facts, "image.config.created", json.path("created").asText(""));
    JsonNode config = json.path("config");
    fact(facts, "image.config.entrypoint", join(config.path("Entrypoint")));
    fact(facts, "image.config.cmd", join(config.path("Cmd")));
    fact(facts, "image.config.workdir", config.path("WorkingDir").asText(""));
    fact(facts, "image.config.user", config.path("User").asText(""));
    fact(facts, "image.config.env", config.path("Env").size() == 0 ? "" : Integer.toString(config.path("Env").size()));
    fact(facts, "image.config.history", Integer.toString(json.path("history").size()));
    return facts;
  }

  private static void fact(List<ImageDetails.Fact> facts, String key, String value) {
    if (value != null && !value.isEmpty() && !value.equals("/")) {
      facts.add(new ImageDetails.Fact(Messages.get(key), value));
    }
  }

  private static String join(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(n -> parts.add(n.asText()));
    return String.join(" ", parts);
  }

  @Override
  public ZtocDocument openZtoc(RegistryConnection connection, String repositoryName, ImageDetails.Layer layer,
      Progress progress) throws Exception {
    if (!layer.indexed()) {
      throw new IllegalArgumentException(Messages.get("image.soci.notIndexed", shortDigest(layer.digest())));
    }
    ImageSource repo = repository(connection, repositoryName);
    byte[] bytes = repo.readBlob(Digest.parse(layer.ztocDigest()));
    progress.transferred(bytes.length);
    progress.checkCancelled();
    Ztoc ztoc = ZtocReader.read(bytes);
    Zinfo zinfo = Zinfo.of(ztoc);
    Digest layerDigest = Digest.parse(layer.digest());
    LayerSource source = LayerSource.remote(repo.describe() + "@" + layer.digest(), shortDigest(layer.digest()),
        () -> new BlobRangeSource(repo, layerDigest, layer.size()));
    return ZtocDocument.of(repositoryName + " layer " + layer.index() + " (" + shortDigest(layer.digest()) + ")",
        Optional.empty(), Optional.of(source), ztoc, zinfo, progress::isCancelled);
  }

  @Override
  public dev.sociscope.core.files.ImageFiles files(RegistryConnection connection, String repositoryName,
      ImageDetails image, Progress progress) throws Exception {
    progress.update(-1, -1);
    ImageSource repo = repository(connection, repositoryName);
    OciDocument manifest = repo.manifest(image.manifestDigest());
    SociIndex index = null;
    if (!image.sociIndexes().isEmpty()) {
      index = SociIndex.from(repo.manifest(image.sociIndexes().get(0).digest()));
    }
    progress.checkCancelled();
    return new dev.sociscope.core.files.ImageFiles(repo,
        new dev.sociscope.core.image.PlatformManifest(null, manifest, null), index, null);
  }

  @Override
  public CreateIndexResult createIndex(RegistryConnection c, CreateIndexRequest request, Progress progress)
      throws Exception {
    String ref;
    if (c.isLocal()) {
      String url = c.registry().url();
      if (!url.startsWith("oci:")) {
        throw new IllegalArgumentException(Messages.get("create.error.readOnly", localName(c)));
      }
      ref = url + ":" + request.tag();
    } else {
      ref = c.apiHost() + "/" + request.repository() + ":" + request.tag();
    }
    RegistryClient registry = c.isLocal() ? RegistryClient.builder().okHttpClient(http).build() : client(c);
    dev.sociscope.core.workflow.SociService soci = new dev.sociscope.core.workflow.SociService(registry,
        new dev.sociscope.core.layout.ZtocCache(ztocCacheDir), 2);
    dev.sociscope.core.workflow.ImageResolver.PlatformSelection platforms = request.allPlatforms()
        ? dev.sociscope.core.workflow.ImageResolver.PlatformSelection.ALL
        : request.platform().isEmpty() ? dev.sociscope.core.workflow.ImageResolver.PlatformSelection.DEFAULT
        : dev.sociscope.core.workflow.ImageResolver.PlatformSelection.of(
            List.of(dev.sociscope.core.oci.Platform.parse(request.platform())));
    dev.sociscope.core.soci.SociIndexOptions options = dev.sociscope.core.soci.SociIndexOptions
        .defaults(request.version()).withSpanSize(request.spanSize()).withMinLayerSize(request.minLayerSize());
    Cancellation cancel = new Cancellation();
    // The task's Cancel reaches the builders through the listener, which they call often.
    dev.sociscope.core.workflow.CreateListener listener = new dev.sociscope.core.workflow.CreateListener() {
      @Override
      public void layerStarted(Descriptor layer, long total) {
        poll();
        request.listener().layerStarted(layer, total);
      }

      @Override
      public void layerProgress(Descriptor layer, long done, long total) {
        poll();
        request.listener().layerProgress(layer, done, total);
      }

      @Override
      public void message(String line) {
        poll();
        request.listener().message(line);
        progress.message(line);
      }

      private void poll() {
        if (progress.isCancelled()) {
          cancel.cancel();
        }
      }
    };
    List<String> written = new ArrayList<>();
    String target = ref;
    try {
      if (request.version() == SociVersion.V1) {
        dev.sociscope.core.workflow.SociService.CreateOutcome outcome = soci.create(ref,
            dev.sociscope.core.workflow.SociService.CreateRequest.defaults().withOptions(options).pushing(true)
                .forcing(true).withPlatforms(platforms), listener, cancel);
        for (dev.sociscope.core.workflow.PushResult pushed : outcome.pushed()) {
          written.add(pushed.index().digest().toString());
        }
      } else {
        target = ref + "-soci";
        dev.sociscope.core.workflow.ConvertResult converted = soci.convert(ref, target, platforms, options, true,
            listener, cancel);
        written.add(converted.conversion().indexDigest().toString());
      }
    } catch (dev.sociscope.core.error.CancelledException e) {
      throw new java.util.concurrent.CancellationException(e.getMessage());
    } finally {
      localSources.remove(c); // a layout source read before the write would not see the new index
    }
    progress.message(Messages.get("create.verifying"));
    List<String> found = new ArrayList<>();
    dev.sociscope.core.workflow.Discovery discovery = soci.discover(target, platforms);
    for (dev.sociscope.core.workflow.FoundIndex f : discovery.allIndexes()) {
      found.add(f.descriptor().digest().toString());
    }
    if (discovery.isSociEnabled()) {
      found.add(discovery.top().digest().toString());
    }
    return new CreateIndexResult(written, target, found);
  }

  static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
  }

  /** Random access to a registry blob with HTTP range requests. */
  private static final class BlobRangeSource implements RandomAccessSource {
    private final ImageSource repo;
    private final Digest digest;
    private final long size;

    BlobRangeSource(ImageSource repo, Digest digest, long size) {
      this.repo = repo;
      this.digest = digest;
      this.size = size;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public byte[] read(long offset, int length) throws IOException {
      return repo.readBlobRange(digest, offset, length);
    }
  }
}
