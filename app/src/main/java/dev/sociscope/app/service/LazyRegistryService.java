package dev.sociscope.app.service;

import dev.sociscope.app.model.CreateIndexResult;
import dev.sociscope.app.model.CreateIndexRequest;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.model.ZtocDocument;
import java.util.List;
import java.util.function.Supplier;

/**
 * Creates the real registry service on first use (always off the FX thread, from a task), so the HTTP client and
 * its classes are not loaded before the first window is shown.
 */
public final class LazyRegistryService implements RegistryService {
  private final Supplier<RegistryService> factory;
  private RegistryService delegate;

  public LazyRegistryService(Supplier<RegistryService> factory) {
    this.factory = factory;
  }

  private synchronized RegistryService delegate() {
    if (delegate == null) {
      delegate = factory.get();
    }
    return delegate;
  }

  @Override
  public void release(RegistryConnection connection) {
    RegistryService d;
    synchronized (this) {
      d = delegate;
    }
    if (d != null) {
      d.release(connection);
    }
  }

  @Override
  public void close() {
    RegistryService d;
    synchronized (this) {
      d = delegate;
    }
    if (d != null) {
      d.close();
    }
  }

  @Override
  public void connect(RegistryConnection connection, Progress progress) throws Exception {
    delegate().connect(connection, progress);
  }

  @Override
  public void check(RegistryConnection connection, dev.sociscope.core.io.Cancellation cancel) throws Exception {
    delegate().check(connection, cancel);
  }

  @Override
  public String proxyFor(RegistryConnection connection) {
    return delegate().proxyFor(connection);
  }

  @Override
  public List<String> repositories(RegistryConnection connection, Progress progress) throws Exception {
    return delegate().repositories(connection, progress);
  }

  @Override
  public List<String> tags(RegistryConnection connection, String repository, Progress progress) throws Exception {
    return delegate().tags(connection, repository, progress);
  }

  @Override
  public dev.sociscope.core.registry.Page repositoryPage(RegistryConnection connection, int pageSize, String after,
      Progress progress) throws Exception {
    return delegate().repositoryPage(connection, pageSize, after, progress);
  }

  @Override
  public dev.sociscope.core.registry.Page tagPage(RegistryConnection connection, String repository, int pageSize,
      String after, Progress progress) throws Exception {
    return delegate().tagPage(connection, repository, pageSize, after, progress);
  }

  @Override
  public ImageDetails image(RegistryConnection connection, String repository, String reference, String platform,
      Progress progress) throws Exception {
    return delegate().image(connection, repository, reference, platform, progress);
  }

  @Override
  public ZtocDocument openZtoc(RegistryConnection connection, String repository, ImageDetails.Layer layer,
      Progress progress) throws Exception {
    return delegate().openZtoc(connection, repository, layer, progress);
  }

  @Override
  public dev.sociscope.core.files.ImageFiles files(RegistryConnection connection, String repository,
      ImageDetails image, Progress progress) throws Exception {
    return delegate().files(connection, repository, image, progress);
  }

  @Override
  public dev.sociscope.core.workflow.IndexPlan plan(RegistryConnection connection, String repository, String tag,
      boolean allPlatforms, String platform, dev.sociscope.core.soci.SociIndexOptions options, Progress progress)
      throws Exception {
    return delegate().plan(connection, repository, tag, allPlatforms, platform, options, progress);
  }

  @Override
  public dev.sociscope.core.health.HealthReport check(RegistryConnection connection, String repository,
      String reference, String platform, int spotChecks, Progress progress) throws Exception {
    return delegate().check(connection, repository, reference, platform, spotChecks, progress);
  }

  @Override
  public dev.sociscope.core.workflow.ConvertPreview previewConversion(RegistryConnection connection,
      CreateIndexRequest request, Progress progress) throws Exception {
    return delegate().previewConversion(connection, request, progress);
  }

  @Override
  public dev.sociscope.core.diff.IndexDiff diff(RegistryConnection connection, String repository, String a,
      String b, Progress progress) throws Exception {
    return delegate().diff(connection, repository, a, b, progress);
  }

  @Override
  public List<int[]> prefetchSpans(RegistryConnection connection, String repository, ImageDetails image,
      ImageDetails.Layer layer, Progress progress) throws Exception {
    return delegate().prefetchSpans(connection, repository, image, layer, progress);
  }

  @Override
  public dev.sociscope.core.profile.WhatIf whatIf(RegistryConnection connection, String repository,
      String reference, String platform, List<String> paths, Progress progress) throws Exception {
    return delegate().whatIf(connection, repository, reference, platform, paths, progress);
  }

  @Override
  public dev.sociscope.core.profile.StartupProfile profile(RegistryConnection connection, String repository,
      String reference, String platform, List<String> paths, Progress progress) throws Exception {
    return delegate().profile(connection, repository, reference, platform, paths, progress);
  }

  @Override
  public CreateIndexResult createIndex(RegistryConnection connection, CreateIndexRequest request, Progress progress)
      throws Exception {
    return delegate().createIndex(connection, request, progress);
  }
}
