package dev.sociscope.app.service;

import dev.sociscope.core.format.ShortDigest;
import dev.sociscope.app.model.CreateIndexResult;
import dev.sociscope.app.model.CreateIndexRequest;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.model.ActivityLog;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.model.LayerSource;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.core.error.CancelledException;
import dev.sociscope.core.health.HealthChecker;
import dev.sociscope.core.health.HealthReport;
import dev.sociscope.core.image.BlobRandomAccess;
import dev.sociscope.core.image.ImageLocation;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.Platform;
import dev.sociscope.core.registry.Page;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.registry.RemoteRepository;
import dev.sociscope.core.registry.auth.CredentialProvider;
import dev.sociscope.core.registry.auth.Credentials;
import dev.sociscope.core.registry.auth.DockerConfigCredentials;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.workflow.ImageResolver;
import dev.sociscope.core.workflow.IndexPlan;
import dev.sociscope.core.workflow.OpenedImage;
import dev.sociscope.core.workflow.SociService;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.core.registry.transport.EnvironmentProxies;
import dev.sociscope.core.registry.transport.TlsConfig;
import dev.sociscope.core.registry.transport.Durations;
import dev.sociscope.core.registry.transport.Timeouts;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The views' registry service over core's {@link SociService}: it turns a connection into image references, runs
 * core's calls, and maps the answers to what the views show. It decides no SOCI rule. One registry client (and
 * one SOCI service) per connection; every request is logged in the activity panel.
 */
public final class CoreRegistryService implements RegistryService {
  private final OkHttpClient http;
  private final Path ztocCacheDir;
  private final Map<RegistryConnection, SociService> services = new ConcurrentHashMap<>();

  public CoreRegistryService(ActivityLog activity) {
    this(activity, ZtocCache.defaultDir());
  }

  /** @param ztocCacheDir where indexes built by the create wizard keep their zTOCs */
  public CoreRegistryService(ActivityLog activity, Path ztocCacheDir) {
    this.http = dev.sociscope.core.registry.transport.HttpClients.plainBaseBuilder()
        .addNetworkInterceptor(new RequestLog(activity)).build();
    this.ztocCacheDir = ztocCacheDir;
  }

  private SociService soci(RegistryConnection c) throws IOException {
    SociService s = services.get(c);
    if (s == null) {
      s = new SociService(client(c), new ZtocCache(ztocCacheDir));
      SociService raced = services.putIfAbsent(c, s);
      s = raced != null ? raced : s;
    }
    return s;
  }

  @Override
  public void release(RegistryConnection connection) {
    SociService s = services.remove(connection);
    if (s != null) {
      closeQuietly(s);
    }
  }

  @Override
  public void close() {
    for (RegistryConnection c : List.copyOf(services.keySet())) {
      release(c);
    }
  }

  private static void closeQuietly(SociService s) {
    try {
      s.close(); // removes an inflated archive copy now rather than at exit
    } catch (IOException e) {
      // nothing to tell the user; TempFiles removes what is left at exit
    }
  }

  private RegistryClient client(RegistryConnection c) throws IOException {
    if (c.isLocal()) {
      return RegistryClient.builder().okHttpClient(http).build();
    }
    String host = c.apiHost();
    if (c.wantsPlainHttp() && !c.registry().allowPlainHttp()) {
      throw new IllegalArgumentException(Messages.get("registry.error.plainHttp", c.registry().url()));
    }
    RegistryClient.Builder b = RegistryClient.builder().okHttpClient(http).credentials(credentials(c, host))
        .tls(tls(c.registry())).proxies(EnvironmentProxies.fromEnvironment().override(host, c.registry().proxy()));
    if (c.registry().allowPlainHttp()) {
      b.plainHttp(host);
    }
    if (!c.registry().timeout().isEmpty()) {
      // The user's time-out bounds each wait; the GUI has no overall deadline (the user cancels instead).
      Duration wait = Durations.parse(c.registry().timeout());
      b.timeouts(wait.compareTo(Timeouts.DEFAULT_CONNECT) < 0 ? wait : Timeouts.DEFAULT_CONNECT, wait);
    }
    return b.build();
  }

  /** The registry's CA file and client certificate (read now: a wrong path is a one-line error). */
  static TlsConfig tls(SavedRegistry r) throws IOException {
    boolean cert = !r.clientCert().isEmpty();
    boolean key = !r.clientKey().isEmpty();
    return TlsConfig.load(r.caFile().isEmpty() ? List.of() : List.of(Path.of(r.caFile())),
        cert ? Path.of(r.clientCert()) : null, key ? Path.of(r.clientKey()) : null, false);
  }

  @Override
  public void check(RegistryConnection connection, Cancellation cancel) throws Exception {
    if (connection.isLocal()) {
      connect(connection, Progress.NONE);
      return;
    }
    client(connection).ping(connection.apiHost(), cancel);
  }

  @Override
  public String proxyFor(RegistryConnection connection) {
    if (connection.isLocal()) {
      return "";
    }
    try {
      String scheme = connection.wantsPlainHttp() ? "http" : "https";
      okhttp3.HttpUrl url = okhttp3.HttpUrl.parse(scheme + "://" + connection.apiHost() + "/");
      if (url == null) {
        return "";
      }
      // Decided from the settings alone: no connection is made (this runs while the user types).
      return EnvironmentProxies.fromEnvironment().override(connection.apiHost(), connection.registry().proxy())
          .choose(scheme, url.host(), url.port()).describe();
    } catch (IOException | IllegalArgumentException e) {
      return e.getMessage();
    }
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

  /**
   * The image reference core takes for an image of this connection: {@code host/repo:tag} or {@code host/repo@digest}
   * for registries, the location with a tag or digest for images on disk.
   */
  static String ref(RegistryConnection c, String repository, String reference) throws IOException {
    if (c.isLocal()) {
      return ImageLocation.withReference(localLocation(c), reference).toString();
    }
    String repo = c.apiHost() + "/" + repository;
    return reference == null || reference.isEmpty() ? repo : reference.startsWith("sha256:") ? repo + "@" + reference
        : repo + ":" + reference;
  }

  /** A disk image's location; {@code archive:FILE}, as earlier versions saved it, is looked at to tell its kind. */
  private static ImageLocation localLocation(RegistryConnection c) throws IOException {
    String url = c.registry().url();
    return url.startsWith("archive:") ? OpenedImage.locate(Path.of(url.substring("archive:".length())))
        : ImageLocation.parse(url);
  }

  /** The "repository" name shown for an image on disk: its file or folder name. */
  static String localName(RegistryConnection c) {
    String url = c.registry().url();
    Path p = Path.of(url.substring(url.indexOf(':') + 1));
    return p.getFileName() == null ? p.toString() : p.getFileName().toString();
  }

  private ImageSource store(RegistryConnection c, String repository) throws IOException {
    return soci(c).open(ref(c, repository, "")).store();
  }

  @Override
  public void connect(RegistryConnection connection, Progress progress) throws Exception {
    progress.update(-1, -1);
    if (connection.isLocal()) {
      store(connection, localName(connection));
      return;
    }
    client(connection).ping(connection.apiHost(), Cancellation.NONE);
  }

  @Override
  public List<String> repositories(RegistryConnection connection, Progress progress) throws Exception {
    progress.update(-1, -1);
    return connection.isLocal() ? List.of(localName(connection))
        : soci(connection).client().catalog(connection.apiHost(), Cancellation.NONE);
  }

  @Override
  public List<String> tags(RegistryConnection connection, String repository, Progress progress) throws Exception {
    progress.update(-1, -1);
    return store(connection, repository).tags();
  }

  @Override
  public Page repositoryPage(RegistryConnection connection, int pageSize, String after, Progress progress)
      throws Exception {
    progress.update(-1, -1);
    if (connection.isLocal()) {
      return new Page(after == null ? List.of(localName(connection)) : List.of(), Optional.empty());
    }
    Page page = soci(connection).client().catalogPage(connection.apiHost(), pageSize, after, Cancellation.NONE);
    progress.checkCancelled();
    return page;
  }

  @Override
  public Page tagPage(RegistryConnection connection, String repository, int pageSize, String after,
      Progress progress) throws Exception {
    progress.update(-1, -1);
    OpenedImage image = soci(connection).open(ref(connection, repository, ""));
    RemoteRepository remote = image.repository();
    if (remote != null) {
      Page page = remote.tagsPage(pageSize, after);
      progress.checkCancelled();
      return page;
    }
    return new Page(after == null ? image.store().tags() : List.of(), Optional.empty());
  }

  @Override
  public ImageDetails image(RegistryConnection connection, String repositoryName, String reference, String platform,
      Progress progress) throws Exception {
    Platform wanted = platform == null || platform.isEmpty() ? null : Platform.parse(platform);
    // repo:tag, or repo@sha256:... for an image opened by digest
    ImageDetails details = ImageDetailsMapper.map(repositoryName + (reference.startsWith("sha256:") ? "@" : ":")
        + reference,
        soci(connection).overview(ref(connection, repositoryName, reference), wanted));
    progress.checkCancelled();
    return details;
  }

  @Override
  public ZtocDocument openZtoc(RegistryConnection connection, String repositoryName, ImageDetails.Layer layer,
      Progress progress) throws Exception {
    if (!layer.indexed()) {
      throw new IllegalArgumentException(Messages.get("image.soci.notIndexed", ShortDigest.of(layer.digest())));
    }
    ImageSource store = store(connection, repositoryName);
    byte[] bytes = store.readBlob(dev.sociscope.core.oci.Descriptor.of("application/octet-stream",
        Digest.parse(layer.ztocDigest()), layer.ztocSize()), dev.sociscope.core.image.BlobKind.ZTOC);
    progress.transferred(bytes.length);
    progress.checkCancelled();
    Ztoc ztoc = ZtocReader.read(bytes);
    Digest layerDigest = Digest.parse(layer.digest());
    LayerSource source = LayerSource.remote(store.describe() + "@" + layer.digest(), ShortDigest.of(layer.digest()),
        () -> BlobRandomAccess.of(store, layerDigest, layer.size()));
    return ZtocDocument.of(repositoryName + " layer " + layer.index() + " (" + ShortDigest.of(layer.digest()) + ")",
        Optional.empty(), Optional.of(source), ztoc, Zinfo.of(ztoc), progress::isCancelled);
  }

  @Override
  public List<int[]> prefetchSpans(RegistryConnection connection, String repositoryName, ImageDetails image,
      ImageDetails.Layer layer, Progress progress) throws Exception {
    progress.update(-1, -1);
    List<int[]> out = new java.util.ArrayList<>();
    for (dev.sociscope.core.workflow.FoundPrefetch f : soci(connection).prefetches(
        ref(connection, repositoryName, image.manifestDigest()), ImageResolver.PlatformSelection.DEFAULT)) {
      boolean sameIndex = f.index().index().ztocs().stream()
          .anyMatch(z -> z.ztocDigest().toString().equals(layer.ztocDigest()));
      if (sameIndex && f.artifact() != null && f.descriptor().layerDigest().toString().equals(layer.digest())) {
        f.artifact().spans().forEach(s -> out.add(new int[] {s.startSpan(), s.endSpan()}));
      }
    }
    return out;
  }

  @Override
  public dev.sociscope.core.files.ImageFiles files(RegistryConnection connection, String repositoryName,
      ImageDetails image, Progress progress) throws Exception {
    progress.update(-1, -1);
    Digest index = image.sociIndexes().isEmpty() ? null : Digest.parse(image.sociIndexes().get(0).digest());
    return soci(connection).files(ref(connection, repositoryName, image.manifestDigest()),
        ImageResolver.PlatformSelection.DEFAULT, index);
  }

  @Override
  public IndexPlan plan(RegistryConnection connection, String repository, String tag, boolean allPlatforms,
      String platform, SociIndexOptions options, Progress progress) throws Exception {
    progress.update(-1, -1);
    return soci(connection).plan(ref(connection, repository, tag), selection(allPlatforms, platform), options);
  }

  @Override
  public HealthReport check(RegistryConnection connection, String repository, String reference, String platform,
      int spotChecks, Progress progress) throws Exception {
    progress.update(-1, -1);
    return new HealthChecker(soci(connection)).check(ref(connection, repository, reference),
        selection(false, platform), spotChecks);
  }

  @Override
  public dev.sociscope.core.profile.StartupProfile profile(RegistryConnection connection, String repository,
      String reference, String platform, List<String> paths, Progress progress) throws Exception {
    progress.update(-1, -1);
    Platform wanted = platform == null || platform.isEmpty() ? null : Platform.parse(platform);
    return soci(connection).profile(ref(connection, repository, reference), wanted, paths);
  }

  @Override
  public dev.sociscope.core.profile.WhatIf whatIf(RegistryConnection connection, String repository,
      String reference, String platform, List<String> paths, Progress progress) throws Exception {
    progress.update(-1, -1);
    Platform wanted = platform == null || platform.isEmpty() ? null : Platform.parse(platform);
    return soci(connection).whatIf(ref(connection, repository, reference), wanted, paths,
        dev.sociscope.core.profile.WhatIfAnalyzer.SPAN_SIZES, 0, false, null);
  }

  @Override
  public dev.sociscope.core.diff.IndexDiff diff(RegistryConnection connection, String repository, String a,
      String b, Progress progress) throws Exception {
    progress.update(-1, -1);
    return soci(connection).diff(ref(connection, repository, a), ref(connection, repository, b));
  }

  static ImageResolver.PlatformSelection selection(boolean all, String platform) {
    return all ? ImageResolver.PlatformSelection.ALL : platform == null || platform.isEmpty()
        ? ImageResolver.PlatformSelection.DEFAULT : ImageResolver.PlatformSelection.of(List.of(Platform.parse(platform)));
  }

  @Override
  public dev.sociscope.core.workflow.ConvertPreview previewConversion(RegistryConnection c,
      CreateIndexRequest request, Progress progress) throws Exception {
    try {
      return new IndexCreation(soci(c), ref(c, request.repository(), request.tag()), request, progress).preview();
    } catch (CancelledException e) {
      throw new java.util.concurrent.CancellationException(e.getMessage());
    }
  }

  @Override
  public CreateIndexResult createIndex(RegistryConnection c, CreateIndexRequest request, Progress progress)
      throws Exception {
    try {
      return new IndexCreation(soci(c), ref(c, request.repository(), request.tag()), request, progress).run();
    } catch (CancelledException e) {
      throw new java.util.concurrent.CancellationException(e.getMessage());
    }
  }

}
