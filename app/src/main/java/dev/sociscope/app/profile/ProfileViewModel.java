package dev.sociscope.app.profile;

import dev.sociscope.app.common.DialogService;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.service.RegistryService;
import dev.sociscope.core.error.CorruptInputException;
import dev.sociscope.core.extract.SpanRange;
import dev.sociscope.core.format.ByteSize;
import dev.sociscope.core.format.ShortDigest;
import dev.sociscope.core.io.AtomicFiles;
import dev.sociscope.core.profile.Link;
import dev.sociscope.core.profile.StartupPaths;
import dev.sociscope.core.profile.StartupProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Profile tab: the paths a container touches at start (typed, pasted, or imported from a list, a JSON array or
 * an strace log) and what that start costs with this image, full pull against lazy loading, per layer and on a
 * link the user sets. The same numbers as {@code sociscope profile}.
 */
public final class ProfileViewModel {
  /** One layer of the profile in the table's words. */
  public record Row(String layer, boolean indexed, int files, String spans, long fullBytes, long lazyBytes) {
    /** What the profile's prefetch artifacts make the runtime fetch up front: the spans of an indexed layer. */
    public long prefetchedBytes() {
      return indexed ? lazyBytes : 0;
    }
  }

  private final RegistryService service;
  private final TaskRunner tasks;
  private final DialogService dialogs;
  private final StringProperty paths = new SimpleStringProperty("");
  private final StringProperty bandwidth = new SimpleStringProperty("100Mbit");
  private final StringProperty rtt = new SimpleStringProperty("20ms");
  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper timing = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<StartupProfile> profile = new ReadOnlyObjectWrapper<>();
  /** The profile at the index's own span size, as measured; {@link #profile} is it at the chosen span size. */
  private StartupProfile measured;
  private dev.sociscope.core.profile.WhatIf whatIf;
  /** The chosen span size in bytes; 0 for the index's own. */
  private final javafx.beans.property.LongProperty spanSize = new javafx.beans.property.SimpleLongProperty(0);
  private final ReadOnlyStringWrapper spanNote = new ReadOnlyStringWrapper("");
  private RegistryConnection connection;
  private String repository;
  private ImageDetails image;
  private long generation;
  /** {@code repo@manifest} of the image profiled last (kept while no image is shown, as during a reload). */
  private String lastProfiled;
  private java.util.function.Consumer<List<String>> onCreateWithPrefetch = paths -> { };

  public ProfileViewModel(RegistryService service, TaskRunner tasks, DialogService dialogs) {
    this.service = service;
    this.tasks = tasks;
    this.dialogs = dialogs;
    bandwidth.addListener((o, a, b) -> showTiming());
    rtt.addListener((o, a, b) -> showTiming());
    spanSize.addListener((o, a, b) -> showAtSpanSize());
  }

  /** The span sizes to choose from: 0 (the index's own), then 1, 2, 4, 8 and 16 MiB. */
  public static List<Long> spanSizes() {
    List<Long> all = new java.util.ArrayList<>();
    all.add(0L);
    all.addAll(dev.sociscope.core.profile.WhatIfAnalyzer.SPAN_SIZES);
    return all;
  }

  /** The span size the bars and seconds are for: 0 for the index's own, else one of {@link #spanSizes()}. */
  public javafx.beans.property.LongProperty spanSizeProperty() {
    return spanSize;
  }

  /** Says whether the shown numbers are measured (the index's span size) or estimated (another one). */
  public ReadOnlyStringProperty spanNoteProperty() {
    return spanNote.getReadOnlyProperty();
  }

  /** The paths, as typed or imported (plain list, JSON array or strace log). */
  public StringProperty pathsProperty() {
    return paths;
  }

  public StringProperty bandwidthProperty() {
    return bandwidth;
  }

  public StringProperty rttProperty() {
    return rtt;
  }

  public ObservableList<Row> rows() {
    return rows;
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty timingProperty() {
    return timing.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<StartupProfile> profileProperty() {
    return profile.getReadOnlyProperty();
  }

  /** A new image is shown: the old numbers no longer apply (the paths stay); the same image is profiled again. */
  public void show(RegistryConnection c, String repo, ImageDetails details) {
    // The same image again (reloaded, e.g. after an index was created): its profile is run again, as the index
    // the runtime uses may have changed.
    boolean rerun = details != null && lastProfiled != null
        && lastProfiled.equals(repo + "@" + details.manifestDigest());
    generation++;
    connection = c;
    repository = repo;
    image = details;
    rows.clear();
    profile.set(null);
    measured = null;
    whatIf = null;
    spanNote.set("");
    timing.set("");
    summary.set(details == null ? "" : Messages.get("profile.ready"));
    if (rerun) {
      run();
    }
  }

  /** The spans the current profile needs in the layer {@code digest} (empty without a profile or spans there). */
  public java.util.BitSet spansOf(String digest) {
    java.util.BitSet set = new java.util.BitSet();
    StartupProfile p = profile.get();
    if (p != null) {
      for (StartupProfile.Layer l : p.layers()) {
        if (l.digest().toString().equals(digest)) {
          l.spans().forEach(r -> set.set(r.first(), r.last() + 1));
        }
      }
    }
    return set;
  }

  /** Adds paths (e.g. files picked in the Files tab) to the profile, each once, keeping those already there. */
  public void addPaths(List<String> more) {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(paths.get().lines().map(String::strip)
        .filter(l -> !l.isEmpty()).toList());
    all.addAll(more);
    paths.set(String.join("\n", all));
  }

  /** Where "Create index with these prefetched" goes: the create wizard, pre-filled (wired by the image view). */
  public void setOnCreateWithPrefetch(java.util.function.Consumer<List<String>> target) {
    onCreateWithPrefetch = target;
  }

  /**
   * Opens the create wizard with the profile's paths as prefetch files; false (and says why) when the paths do not
   * parse or are empty.
   */
  public boolean createWithPrefetch() {
    List<String> list;
    try {
      list = StartupPaths.parse(paths.get());
    } catch (CorruptInputException e) {
      summary.set(e.getMessage());
      return false;
    }
    if (list.isEmpty()) {
      summary.set(Messages.get("profile.noPaths"));
      return false;
    }
    onCreateWithPrefetch.accept(list.stream().map(p -> "/" + p).toList());
    return true;
  }

  /** Reads a paths file into the paths field. */
  public void importPaths() {
    dialogs.choosePathsFile().ifPresent(file -> {
      try {
        paths.set(String.join("\n", StartupPaths.parse(Files.readString(file, StandardCharsets.UTF_8)).stream()
            .map(p -> "/" + p).toList()));
      } catch (java.io.IOException e) {
        summary.set(Messages.get("profile.importFailed", file, e.getMessage()));
      }
    });
  }

  /** Saves the paths as the JSON array {@code --prefetch-files-json} reads. */
  public void exportPaths(Path target) throws java.io.IOException {
    AtomicFiles.write(target, StartupPaths.toJson(StartupPaths.parse(paths.get())).getBytes(StandardCharsets.UTF_8));
  }

  /** Asks where, then exports. */
  public void exportWithDialog() {
    dialogs.chooseSaveFile("prefetch-files.json").ifPresent(target -> {
      try {
        exportPaths(target);
        summary.set(Messages.get("profile.exported", target));
      } catch (java.io.IOException e) {
        summary.set(Messages.get("profile.exportFailed", target, e.getMessage()));
      }
    });
  }

  /** Profiles the shown image off the FX thread. */
  public void run() {
    if (image == null || connection == null) {
      return;
    }
    List<String> list;
    try {
      list = StartupPaths.parse(paths.get());
    } catch (CorruptInputException e) {
      summary.set(e.getMessage());
      return;
    }
    if (list.isEmpty()) {
      summary.set(Messages.get("profile.noPaths"));
      return;
    }
    long gen = ++generation;
    ImageDetails details = image;
    RegistryConnection c = connection;
    String repo = repository;
    summary.set(Messages.get("profile.running", list.size()));
    tasks.run(Messages.get("task.profile", details.reference()),
        p -> service.profile(c, repo, details.manifestDigest(), details.platform(), list, p),
        result -> {
          if (gen == generation) {
            measured = result;
            whatIf = null;
            lastProfiled = repo + "@" + details.manifestDigest();
            showAtSpanSize();
            estimateOtherSpanSizes(gen, c, repo, details, list);
          }
        },
        error -> {
          if (gen == generation) {
            summary.set(error.summary());
          }
        });
  }

  /** Core's what-if for the same paths, so switching the span size answers at once. */
  private void estimateOtherSpanSizes(long gen, RegistryConnection c, String repo, ImageDetails details,
      List<String> list) {
    if (measured.index() == null) {
      return; // without an index there is no zTOC to estimate from
    }
    tasks.runQuietly(Messages.get("task.profile", details.reference()),
        p -> service.whatIf(c, repo, details.manifestDigest(), details.platform(), list, p),
        w -> {
          if (gen == generation) {
            whatIf = w;
            showAtSpanSize();
          }
        },
        error -> {
          if (gen == generation) {
            spanNote.set(error.summary());
          }
        });
  }

  /** Shows the measured profile, or the what-if's estimate at the chosen span size. */
  private void showAtSpanSize() {
    if (measured == null) {
      return;
    }
    long chosen = spanSize.get();
    if (chosen == 0 || chosen == measured.spanSize()) {
      spanNote.set(measured.index() == null ? "" : Messages.get("profile.span.measured",
          ByteSize.human(measured.spanSize())));
      show(measured);
      return;
    }
    if (whatIf == null) {
      spanNote.set(measured.index() == null ? Messages.get("profile.span.noIndex")
          : Messages.get("profile.span.waiting"));
      show(measured);
      return;
    }
    for (dev.sociscope.core.profile.WhatIf.SpanRow row : whatIf.spanRows()) {
      if (row.spanSize() == chosen) {
        spanNote.set(Messages.get("profile.span.estimated", ByteSize.human(chosen),
            ByteSize.human(measured.spanSize())));
        show(measured.atSpanSize(row));
        return;
      }
    }
  }

  private void show(StartupProfile p) {
    profile.set(p);
    rows.setAll(p.layers().stream().map(l -> new Row(ShortDigest.of(l.digest().toString()), l.indexed(),
        l.files().size(), l.indexed() ? spans(l.spans()) : Messages.get("profile.wholeLayer"), l.size(),
        l.lazyBytes())).collect(Collectors.toList()));
    double saved = p.fullPullBytes() == 0 ? 0 : 100.0 * (p.fullPullBytes() - p.lazyBytes()) / p.fullPullBytes();
    summary.set(Messages.get("profile.summary", ByteSize.human(p.fullPullBytes()), ByteSize.human(p.lazyBytes()),
        String.format(java.util.Locale.ROOT, "%.1f", saved), ByteSize.human(p.indexBytes() + p.ztocBytes()),
        p.notFound().size()));
    showTiming();
  }

  private static String spans(List<SpanRange> ranges) {
    return ranges.isEmpty() ? "-" : ranges.stream()
        .map(r -> r.first() == r.last() ? Integer.toString(r.first()) : r.first() + "-" + r.last())
        .collect(Collectors.joining(", "));
  }

  /** Seconds on the link in the two fields; a field that does not parse says so instead. */
  private void showTiming() {
    StartupProfile p = profile.get();
    if (p == null) {
      return;
    }
    try {
      Link link = new Link(Link.parseBandwidth(bandwidth.get()), Link.parseRtt(rtt.get()));
      StartupProfile.Seconds s = p.seconds(link);
      timing.set(Messages.get("profile.timing", fmt(s.fullPull()), fmt(s.lazy()), fmt(s.lazyPrefetched())));
    } catch (IllegalArgumentException e) {
      timing.set(e.getMessage());
    }
  }

  private static String fmt(double seconds) {
    return String.format(java.util.Locale.ROOT, "%.2f", seconds);
  }
}
