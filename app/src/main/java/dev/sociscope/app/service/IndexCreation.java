package dev.sociscope.app.service;

import dev.sociscope.app.model.CreateIndexResult;
import dev.sociscope.app.model.CreateIndexRequest;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.Progress;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.workflow.ConvertResult;
import dev.sociscope.core.workflow.CreateListener;
import dev.sociscope.core.workflow.Discovery;
import dev.sociscope.core.workflow.FoundIndex;
import dev.sociscope.core.workflow.PushResult;
import dev.sociscope.core.workflow.SociService;
import java.util.ArrayList;
import java.util.List;

/**
 * The wizard's build: core's create (v1, pushed next to the image) or convert (v2, a SOCI-enabled image tagged
 * {@code TAG-soci}), with the task's progress and Cancel wired to core's listener and cancellation, then the check
 * that discovery finds what was written.
 */
final class IndexCreation {
  private final SociService soci;
  private final String ref;
  private final CreateIndexRequest request;
  private final Progress progress;
  private final Cancellation cancel = new Cancellation();

  IndexCreation(SociService soci, String ref, CreateIndexRequest request, Progress progress) {
    this.soci = soci;
    this.ref = ref;
    this.request = request;
    this.progress = progress;
  }

  CreateIndexResult run() throws Exception {
    var platforms = CoreRegistryService.selection(request.allPlatforms(), request.platform());
    SociIndexOptions options = SociIndexOptions.defaults(request.version()).withSpanSize(request.spanSize())
        .withMinLayerSize(request.minLayerSize()).withPrefetchPaths(request.prefetchPaths());
    List<String> written = new ArrayList<>();
    String target = ref;
    if (request.version() == SociVersion.V1) {
      SociService.CreateOutcome outcome = soci.create(ref, SociService.CreateRequest.defaults().withOptions(options)
          .pushing(true).forcing(true).withPlatforms(platforms), listener(), cancel);
      for (PushResult pushed : outcome.pushed()) {
        written.add(pushed.index().digest().toString());
      }
    } else {
      target = ref + "-soci";
      ConvertResult converted = soci.convert(ref, target, platforms, options, true, listener(), cancel);
      written.add(converted.conversion().indexDigest().toString());
    }
    progress.message(Messages.get("create.verifying"));
    List<String> found = new ArrayList<>();
    Discovery discovery = soci.discover(target, platforms);
    for (FoundIndex f : discovery.allIndexes()) {
      found.add(f.descriptor().digest().toString());
    }
    if (discovery.isSociEnabled()) {
      found.add(discovery.top().digest().toString());
    }
    return new CreateIndexResult(written, target, found);
  }

  /** The SOCI-enabled image a v2 build would write, built into the cache and not written (a dry run). */
  dev.sociscope.core.workflow.ConvertPreview preview() throws Exception {
    var platforms = CoreRegistryService.selection(request.allPlatforms(), request.platform());
    SociIndexOptions options = SociIndexOptions.defaults(SociVersion.V2).withSpanSize(request.spanSize())
        .withMinLayerSize(request.minLayerSize()).withPrefetchPaths(request.prefetchPaths());
    return soci.convert(ref, ref + "-soci", platforms, options, false, true,
        dev.sociscope.core.workflow.ExistingIndexPolicy.ALLOW, listener(), cancel).preview();
  }

  /** The task's Cancel reaches the builders through the listener, which they call often. */
  private CreateListener listener() {
    return new CreateListener() {
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
  }
}
