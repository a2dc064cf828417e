package dev.sociscope.app.create;

import dev.sociscope.core.format.ShortDigest;
import dev.sociscope.core.format.ByteSize;
import dev.sociscope.app.files.ImageFilesViewModel;
import dev.sociscope.app.common.DialogService;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.model.CreateIndexRequest;
import dev.sociscope.app.model.CreateIndexResult;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.service.RegistryService;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.workflow.IndexPlan;
import dev.sociscope.core.workflow.CreateListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The create-index wizard: options, a plan of which layers will be indexed or skipped and why with an estimated
 * index size, then the build with a progress bar per layer (fed from the builders' listener, coalesced onto the FX
 * thread), Cancel, and the check that discovery finds the new index.
 */
public final class CreateIndexViewModel {
  private static final long MIB = 1024 * 1024;

  /** Where the wizard is. */
  public enum State { EDITING, RUNNING, DONE, FAILED, CANCELLED }

  /** One line of the plan: a layer of one platform and core's decision for it, in words. */
  public record PlanRow(String platform, int index, String digest, long size, boolean indexed, String decision) {}

  /** The progress of one layer being built. */
  public static final class LayerProgress {
    private final String label;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");

    LayerProgress(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public ReadOnlyDoubleProperty progressProperty() {
      return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
      return detail.getReadOnlyProperty();
    }
  }

  private final RegistryService service;
  private final TaskRunner tasks;
  private final DialogService dialogs;
  private final RegistryConnection connection;
  private final String repository;
  private final String tag;
  private final ImageDetails image;
  private final Consumer<CreateIndexResult> onCreated;

  private final IntegerProperty spanMiB = new SimpleIntegerProperty(4);
  private final IntegerProperty minLayerMiB = new SimpleIntegerProperty(10);
  private final ObjectProperty<SociVersion> version = new SimpleObjectProperty<>(SociVersion.V1);
  private final BooleanProperty allPlatforms = new SimpleBooleanProperty(false);
  private final ObservableList<PlanRow> plan = FXCollections.observableArrayList();
  private final BooleanProperty buildable = new SimpleBooleanProperty(false);
  private final ObservableList<String> previewLines = FXCollections.observableArrayList();
  private TaskRunner.Handle planning;
  /** Counts plan requests: an answer to an older one (already queued when it was cancelled) is dropped. */
  private long planGeneration;
  private final ReadOnlyStringWrapper estimate = new ReadOnlyStringWrapper("");
  private final ObservableList<LayerProgress> layers = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.EDITING);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<CreateIndexResult> result = new ReadOnlyObjectWrapper<>();
  private TaskRunner.Handle running;
  private final List<String> prefetchPaths;
  private final ReadOnlyStringWrapper blockedReason = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper destination = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper identical = new ReadOnlyStringWrapper("");
  private final BooleanProperty buildAnyway = new SimpleBooleanProperty(false);
  private IndexPlan lastPlan;

  public CreateIndexViewModel(RegistryService service, TaskRunner tasks, DialogService dialogs,
      RegistryConnection connection, String repository, String tag, ImageDetails image,
      Consumer<CreateIndexResult> onCreated) {
    this(service, tasks, dialogs, connection, repository, tag, image, onCreated, List.of());
  }

  /**
   * A wizard whose build also writes prefetch artifacts for {@code prefetchPaths} (spec 3.7), e.g. the paths of
   * the image's start-up profile; empty for none.
   */
  public CreateIndexViewModel(RegistryService service, TaskRunner tasks, DialogService dialogs,
      RegistryConnection connection, String repository, String tag, ImageDetails image,
      Consumer<CreateIndexResult> onCreated, List<String> prefetchPaths) {
    this.prefetchPaths = List.copyOf(prefetchPaths);
    this.service = service;
    this.tasks = tasks;
    this.dialogs = dialogs;
    this.connection = connection;
    this.repository = repository;
    this.tag = tag;
    this.image = image;
    this.onCreated = onCreated;
    spanMiB.addListener((o, a, b) -> replan());
    minLayerMiB.addListener((o, a, b) -> replan());
    allPlatforms.addListener((o, a, b) -> replan());
    version.addListener((o, a, b) -> replan());
    buildAnyway.addListener((o, a, b) -> showBuildable());
    showPlanning();
  }

  /**
   * Starts the first plan; the window calls it once it shows. Not in the constructor: the window's scene is built
   * on a loader thread that binds to these properties, and a plan finishing meanwhile would change them from the
   * FX thread at the same time. Does nothing once a plan has started (an option changed before, in tests).
   */
  public void start() {
    if (planGeneration == 0) {
      replan();
    }
  }

  /** The files the build writes prefetch artifacts for (from the Profile tab), in the order given. */
  public List<String> prefetchPaths() {
    return prefetchPaths;
  }

  /** Why Create is disabled, in a sentence; empty when it is enabled. */
  public ReadOnlyStringProperty blockedReasonProperty() {
    return blockedReason.getReadOnlyProperty();
  }

  /** Where Create writes, said before it does: the registry repository, or the layout folder. */
  public ReadOnlyStringProperty destinationProperty() {
    return destination.getReadOnlyProperty();
  }

  /** "An index with the same options exists ...", or empty. */
  public ReadOnlyStringProperty identicalProperty() {
    return identical.getReadOnlyProperty();
  }

  /** Set by "Build anyway": Create builds although an identical index exists. */
  public BooleanProperty buildAnywayProperty() {
    return buildAnyway;
  }

  /**
   * "Open it": the identical index is what the build would give, so the wizard reports it as its result (the
   * image view then shows it) without downloading anything.
   */
  public void openIdentical() {
    if (lastPlan == null || !lastPlan.allIdentical() || state.get() == State.RUNNING) {
      return;
    }
    List<String> digests = lastPlan.platforms().stream()
        .map(p -> p.identical().descriptor().digest().toString()).toList();
    CreateIndexResult existing = new CreateIndexResult(digests, target(), digests);
    result.set(existing);
    state.set(State.DONE);
    status.set(Messages.get("create.opened", String.join(", ", digests.stream().map(ShortDigest::of).toList())));
    onCreated.accept(existing);
  }

  private String target() {
    String where = connection.isLocal() ? connection.registry().url() : connection.apiHost() + "/" + repository;
    return where + ":" + (version.get() == SociVersion.V2 ? tag + "-soci" : tag);
  }

  private void showDestination() {
    String where = connection.isLocal() ? connection.registry().url() : connection.apiHost() + "/" + repository;
    boolean v2 = version.get() == SociVersion.V2;
    String key = connection.isLocal()
        ? (v2 ? "create.destination.layout.copy" : "create.destination.layout.index")
        : (v2 ? "create.destination.registry.copy" : "create.destination.registry.index");
    String text = Messages.get(key, where, tag + "-soci");
    if (!prefetchPaths.isEmpty()) {
      text += " " + Messages.get("create.destination.prefetch", prefetchPaths.size());
    }
    destination.set(text);
  }

  public String imageName() {
    return image.reference();
  }

  public String tag() {
    return tag;
  }

  public ImageDetails image() {
    return image;
  }

  public IntegerProperty spanMiBProperty() {
    return spanMiB;
  }

  public IntegerProperty minLayerMiBProperty() {
    return minLayerMiB;
  }

  public ObjectProperty<SociVersion> versionProperty() {
    return version;
  }

  public BooleanProperty allPlatformsProperty() {
    return allPlatforms;
  }

  public ObservableList<PlanRow> plan() {
    return plan;
  }

  /** The migration preview: what a v2 build would write, line by line; empty until asked. */
  public ObservableList<String> previewLines() {
    return previewLines;
  }

  /**
   * Shows, before converting, the SOCI-enabled image a v2 build would write: the new image index, the manifests it
   * rewrites with their new digests, the v2 indexes it adds, what stays shared, and the bytes added. Builds the
   * zTOCs (so Create then reuses them) but writes nothing to the image's repository or layout.
   */
  public void preview() {
    if (state.get() == State.RUNNING || !buildable.get()) {
      return;
    }
    previewLines.setAll(Messages.get("create.preview.running"));
    state.set(State.RUNNING);
    status.set(Messages.get("create.preview.running"));
    running = tasks.run(Messages.get("task.previewConversion", image.reference()),
        p -> service.previewConversion(connection, request(CreateListener.NONE), p),
        preview -> {
          state.set(State.EDITING);
          status.set(Messages.get("create.preview.done", ByteSize.human(preview.bytesAdded())));
          previewLines.setAll(describe(preview, tag + "-soci"));
        },
        error -> {
          state.set(State.FAILED);
          status.set(error.summary());
          previewLines.clear();
        });
  }

  private static List<String> describe(dev.sociscope.core.workflow.ConvertPreview p, String destinationTag) {
    List<String> lines = new ArrayList<>();
    lines.add(Messages.get("create.preview.index", ShortDigest.of(p.index().toString()), destinationTag));
    for (dev.sociscope.core.workflow.ConvertPreview.Rewrite r : p.rewritten()) {
      lines.add(Messages.get("create.preview.rewritten", r.platform(), ShortDigest.of(r.from().toString()),
          ShortDigest.of(r.to().toString())));
    }
    for (Descriptor d : p.added()) {
      lines.add(Messages.get("create.preview.added", ShortDigest.of(d.digest().toString()), ByteSize.human(d.size())));
    }
    for (Descriptor d : p.shared()) {
      lines.add(Messages.get("create.preview.shared", ShortDigest.of(d.digest().toString()), d.mediaType()));
    }
    lines.add(Messages.get("create.preview.bytes", ByteSize.human(p.bytesAdded())));
    return lines;
  }

  private CreateIndexRequest request(CreateListener listener) {
    return new CreateIndexRequest(repository, tag, allPlatforms.get(), allPlatforms.get() ? "" : image.platform(),
        version.get(), Math.max(1, spanMiB.get()) * MIB, Math.max(0, minLayerMiB.get()) * MIB, listener,
        prefetchPaths);
  }

  /** Whether the plan would give an index (no layer type that fails the build, at least one layer indexed). */
  public BooleanProperty buildableProperty() {
    return buildable;
  }

  public ReadOnlyStringProperty estimateProperty() {
    return estimate.getReadOnlyProperty();
  }

  /** One progress bar per layer the plan indexes, created when the build starts. */
  public ObservableList<LayerProgress> layers() {
    return layers;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<CreateIndexResult> resultProperty() {
    return result.getReadOnlyProperty();
  }

  private SociIndexOptions options() {
    return SociIndexOptions.defaults(version.get()).withSpanSize(Math.max(1, spanMiB.get()) * MIB)
        .withMinLayerSize(Math.max(0, minLayerMiB.get()) * MIB).withPrefetchPaths(prefetchPaths);
  }

  /**
   * Asks core what a build with the current options would do to each layer of the selected platforms (core's
   * {@link IndexPlan}: the same rule {@code create} applies), off the FX thread; a newer request replaces an older one.
   */
  private void replan() {
    if (planning != null) {
      planning.cancel();
    }
    showPlanning();
    SociIndexOptions options = options();
    boolean all = allPlatforms.get();
    long gen = ++planGeneration;
    planning = tasks.runQuietly(Messages.get("task.plan", image.reference()),
        p -> service.plan(connection, repository, tag, all, all ? "" : image.platform(), options, p),
        plan -> {
          if (gen == planGeneration) {
            show(plan);
          }
        },
        error -> {
          if (gen == planGeneration) {
            estimate.set(error.summary());
            blockedReason.set(Messages.get("create.blocked.noPlan"));
          }
        });
  }

  /** Clears what belonged to other options and says a plan is coming. */
  private void showPlanning() {
    if (state.get() != State.RUNNING) {
      // What the last build or preview said belonged to other options.
      layers.clear();
      status.set("");
      result.set(null);
      state.set(State.EDITING);
    }
    lastPlan = null;
    buildAnyway.set(false);
    identical.set("");
    buildable.set(false);
    blockedReason.set(Messages.get("create.blocked.planning"));
    showDestination();
    previewLines.clear();
    estimate.set(Messages.get("create.planning"));
  }

  private void show(IndexPlan result) {
    List<PlanRow> rows = new ArrayList<>();
    long indexed = 0;
    long layers = 0;
    long spans = 0;
    long bytes = 0;
    boolean canBuild = !result.platforms().isEmpty();
    for (IndexPlan.PlatformPlan pp : result.platforms()) {
      String platform = pp.manifest().platformText();
      for (IndexPlan.LayerPlan l : pp.layers()) {
        rows.add(new PlanRow(platform, l.position(), l.layer().digest().toString(), l.layer().size(), l.indexed(),
            decision(l, result.options())));
      }
      indexed += pp.indexedLayers();
      layers += pp.layers().size();
      spans += pp.spans();
      bytes += pp.estimatedIndexBytes();
      canBuild &= pp.buildable();
    }
    plan.setAll(rows);
    lastPlan = result;
    int platforms = result.platforms().size();
    boolean approximated = result.platforms().stream().anyMatch(IndexPlan.PlatformPlan::approximated);
    estimate.set(Messages.get("create.estimate", indexed, layers, ByteSize.human(bytes), spans, platforms,
        result.platforms().stream().map(p -> p.manifest().platformText()).collect(
            java.util.stream.Collectors.joining(", ")))
        + " " + Messages.get(approximated ? "create.estimate.approximated" : "create.estimate.fromToc"));
    if (result.allIdentical()) {
      identical.set(Messages.get("create.identical", result.platforms().stream()
          .map(p -> ShortDigest.of(p.identical().descriptor().digest().toString())).collect(
              java.util.stream.Collectors.joining(", "))));
    }
    planBuildable = canBuild;
    showBuildable();
  }

  private boolean planBuildable;

  /** Create is enabled when the plan gives an index and no identical one exists (or "Build anyway"); else why not. */
  private void showBuildable() {
    IndexPlan p = lastPlan;
    if (p == null) {
      return;
    }
    String reason = "";
    if (p.platforms().isEmpty()) {
      reason = Messages.get("create.blocked.noPlatform");
    } else {
      for (IndexPlan.PlatformPlan pp : p.platforms()) {
        if (pp.blocker().isPresent()) {
          reason = Messages.get("create.blocked.notLayer", pp.blocker().get().position(),
              pp.blocker().get().layer().mediaType());
          break;
        }
        if (pp.indexedLayers() == 0) {
          reason = Messages.get("create.blocked.nothing", pp.manifest().platformText(), pp.layers().size());
          break;
        }
      }
    }
    if (reason.isEmpty() && p.allIdentical() && !buildAnyway.get()) {
      reason = Messages.get("create.blocked.identical");
    }
    blockedReason.set(reason);
    buildable.set(planBuildable && reason.isEmpty());
  }

  /** Core's verdict in the wizard's words. */
  private static String decision(IndexPlan.LayerPlan l, SociIndexOptions options) {
    switch (l.rule().verdict()) {
      case INDEX:
        return Messages.get("create.plan.indexed", l.spans());
      case BELOW_MIN_SIZE:
        return Messages.get("create.plan.small", ByteSize.human(l.layer().size()), ByteSize.human(options.minLayerSize()));
      case UNSUPPORTED_COMPRESSION:
        return Messages.get("create.plan.unsupported", l.layer().mediaType());
      case PREFETCH_ARTIFACT:
        return Messages.get("create.plan.prefetch");
      default:
        return Messages.get("create.plan.notLayer", l.layer().mediaType());
    }
  }

  /** Builds and writes the index off the FX thread; per-layer bars follow the builders. */
  public void run() {
    if (state.get() == State.RUNNING || !buildable.get()) {
      return;
    }
    Map<String, LayerProgress> byDigest = new ConcurrentHashMap<>();
    List<LayerProgress> bars = new ArrayList<>();
    for (PlanRow r : plan) {
      if (r.indexed() && !byDigest.containsKey(r.digest())) {
        LayerProgress p = new LayerProgress(Messages.get("create.layer", r.index(),
            ShortDigest.of(r.digest())));
        byDigest.put(r.digest(), p);
        bars.add(p);
      }
    }
    layers.setAll(bars);
    state.set(State.RUNNING);
    status.set(Messages.get("create.running"));
    result.set(null);
    CreateIndexRequest request = request(listener(byDigest));
    running = tasks.run(Messages.get("task.createIndex", image.reference()),
        p -> service.createIndex(connection, request, p),
        r -> {
          result.set(r);
          layers.forEach(l -> l.progress.set(1));
          String digests = String.join(", ", r.indexDigests().stream().map(ShortDigest::of)
              .toList());
          if (r.verified()) {
            state.set(State.DONE);
            status.set(Messages.get("create.done", digests, r.target()));
          } else {
            state.set(State.FAILED);
            status.set(Messages.get("create.notFound", digests, r.target()));
          }
          onCreated.accept(r);
        },
        error -> {
          state.set(State.FAILED);
          // An expected outcome (the registry refused, the image cannot be indexed, a network failure) is a
          // sentence; only a bug gets the error dialog, with its stack trace behind "Details".
          status.set(Messages.get("create.failedBecause", error.summary()));
          if (error.bug()) {
            dialogs.showError(Messages.get("create.failed"), error);
          }
        });
  }

  /** Stops the build; the builders stop at their next step and requests in flight are cancelled. */
  public void cancel() {
    if (running != null && state.get() == State.RUNNING) {
      running.cancel();
      state.set(State.CANCELLED);
      status.set(Messages.get("create.cancelled"));
    }
  }

  /** Mirrors builder callbacks (worker threads) into the bars, at most one pending FX update per layer. */
  private static CreateListener listener(Map<String, LayerProgress> byDigest) {
    Map<String, AtomicBoolean> pending = new ConcurrentHashMap<>();
    Map<String, double[]> latest = new ConcurrentHashMap<>();
    return new CreateListener() {
      @Override
      public void layerStarted(Descriptor layer, long total) {
        layerProgress(layer, 0, total);
      }

      @Override
      public void layerProgress(Descriptor layer, long done, long total) {
        String key = layer.digest().toString();
        LayerProgress bar = byDigest.get(key);
        if (bar == null) {
          return;
        }
        latest.put(key, new double[] {done, total});
        if (pending.computeIfAbsent(key, k -> new AtomicBoolean()).compareAndSet(false, true)) {
          Platform.runLater(() -> {
            pending.get(key).set(false);
            double[] v = latest.get(key);
            bar.progress.set(v[1] > 0 ? v[0] / v[1] : -1);
            bar.detail.set(Messages.get("preview.fetched", ByteSize.human((long) v[0]), ByteSize.human((long) v[1])));
          });
        }
      }
    };
  }
}
