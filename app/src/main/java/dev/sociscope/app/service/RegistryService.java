package dev.sociscope.app.service;

import dev.sociscope.app.model.CreateIndexResult;
import dev.sociscope.app.model.CreateIndexRequest;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.core.registry.Page;
import java.util.List;
import java.util.Optional;

/** Registry work for the views, blocking; callers run it through a task runner. */
public interface RegistryService {
  /** Checks that the registry answers and accepts the credentials. */
  void connect(RegistryConnection connection, Progress progress) throws Exception;

  /**
   * The Connect dialog's check: reaches the registry once, without retries, and stops at once when {@code cancel}
   * is cancelled. Services that cannot cancel fall back to {@link #connect}.
   */
  default void check(RegistryConnection connection, dev.sociscope.core.io.Cancellation cancel) throws Exception {
    connect(connection, Progress.NONE);
  }

  /** Which proxy this connection takes and why, e.g. "direct (NO_PROXY)"; empty when unknown. */
  default String proxyFor(RegistryConnection connection) {
    return "";
  }

  List<String> repositories(RegistryConnection connection, Progress progress) throws Exception;

  List<String> tags(RegistryConnection connection, String repository, Progress progress) throws Exception;

  /**
   * One page of repositories: {@code after} is null for the first page, else the {@code next} of the page before.
   * Services that cannot page answer with everything and no next page.
   */
  default Page repositoryPage(RegistryConnection connection, int pageSize, String after, Progress progress)
      throws Exception {
    return new Page(after == null ? repositories(connection, progress) : List.of(), Optional.empty());
  }

  /** One page of tags, as {@link #repositoryPage}. */
  default Page tagPage(RegistryConnection connection, String repository, int pageSize, String after,
      Progress progress) throws Exception {
    return new Page(after == null ? tags(connection, repository, progress) : List.of(), Optional.empty());
  }

  /** The image at {@code reference} (tag or digest); for an index, the given platform or the first one. */
  ImageDetails image(RegistryConnection connection, String repository, String reference, String platform,
      Progress progress) throws Exception;

  /** Fetches and opens the zTOC of an indexed layer; previews then read the layer with HTTP range requests. */
  ZtocDocument openZtoc(RegistryConnection connection, String repository, ImageDetails.Layer layer,
      Progress progress) throws Exception;

  /**
   * The spans, as inclusive {@code [first, last]} pairs, that the prefetch artifact of the image's SOCI index lists
   * for {@code layer} (the index whose zTOC the layer shows); empty when there is none.
   */
  default java.util.List<int[]> prefetchSpans(RegistryConnection connection, String repository, ImageDetails image,
      ImageDetails.Layer layer, Progress progress) throws Exception {
    return java.util.List.of();
  }

  /**
   * The files of the shown image through its first SOCI index (every layer without a zTOC can still be streamed);
   * one instance per image, used by one task at a time.
   */
  dev.sociscope.core.files.ImageFiles files(RegistryConnection connection, String repository, ImageDetails image,
      Progress progress) throws Exception;

  /**
   * What building an index with these options would do to each layer of the selected platforms (core's
   * {@link dev.sociscope.core.workflow.IndexPlan}); reads a few bytes per layer, so run it off the FX thread.
   */
  dev.sociscope.core.workflow.IndexPlan plan(RegistryConnection connection, String repository, String tag,
      boolean allPlatforms, String platform, dev.sociscope.core.soci.SociIndexOptions options, Progress progress)
      throws Exception;

  /**
   * Checks the image's SOCI indexes as the runtime would use them (core's health check), with {@code spotChecks}
   * spans of each indexed layer fetched and verified.
   */
  default dev.sociscope.core.health.HealthReport check(RegistryConnection connection, String repository,
      String reference, String platform, int spotChecks, Progress progress) throws Exception {
    throw new UnsupportedOperationException("this service does not check images");
  }

  /**
   * What a container start that touches {@code paths} costs for this image, full pull against lazy loading through
   * the index the runtime would use (core's start-up profile).
   */
  default dev.sociscope.core.profile.StartupProfile profile(RegistryConnection connection, String repository,
      String reference, String platform, java.util.List<String> paths, Progress progress) throws Exception {
    throw new UnsupportedOperationException("this service does not profile images");
  }

  /**
   * The profile's start at the span sizes people choose between (core's what-if, estimated from the existing
   * zTOCs: nothing is downloaded but the zTOCs).
   */
  default dev.sociscope.core.profile.WhatIf whatIf(RegistryConnection connection, String repository,
      String reference, String platform, java.util.List<String> paths, Progress progress) throws Exception {
    throw new UnsupportedOperationException("this service does not estimate other span sizes");
  }

  /**
   * How two SOCI indexes of a repository differ (core's index diff). Each side is a tag or digest in the repository:
   * an image (its index the runtime would use) or a SOCI index manifest.
   */
  default dev.sociscope.core.diff.IndexDiff diff(RegistryConnection connection, String repository, String a,
      String b, Progress progress) throws Exception {
    throw new UnsupportedOperationException("this service does not compare indexes");
  }

  /**
   * What converting the image into a SOCI-enabled image ({@code TAG-soci}) would write, without writing it: the
   * zTOCs are built (into the local cache, so the real conversion reuses them), nothing goes to the destination.
   */
  default dev.sociscope.core.workflow.ConvertPreview previewConversion(RegistryConnection connection,
      CreateIndexRequest request, Progress progress) throws Exception {
    throw new UnsupportedOperationException("this service does not preview conversions");
  }

  /**
   * Builds a SOCI index for an image and writes it next to the image (registry or layout), then checks with
   * discovery that it is found. Blocking; progress per layer goes to the request's listener.
   */
  CreateIndexResult createIndex(RegistryConnection connection, CreateIndexRequest request, Progress progress)
      throws Exception;

  /**
   * Lets go of what was opened for {@code connection} (an archive's inflated temporary copy, open files): called
   * when the browser moves to another connection.
   */
  default void release(RegistryConnection connection) {}

  /** Lets go of everything opened; called when the app closes. */
  default void close() {}
}
