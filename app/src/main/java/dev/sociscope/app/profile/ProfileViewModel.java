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
  public record Row(String layer, boolean indexed, int files, String spans, long fullBytes, long lazyBytes) {}

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
  private RegistryConnection connection;
  private String repository;
  private ImageDetails image;
  private long generation;

  public ProfileViewModel(RegistryService service, TaskRunner tasks, DialogService dialogs) {
    this.service = service;
    this.tasks = tasks;
    this.dialogs = dialogs;
    bandwidth.addListener((o, a, b) -> showTiming());
    rtt.addListener((o, a, b) -> showTiming());
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

  /** A new image is shown: the old numbers no longer apply (the paths stay). */
  public void show(RegistryConnection c, String repo, ImageDetails details) {
    generation++;
    connection = c;
    repository = repo;
    image = details;
    rows.clear();
    profile.set(null);
    timing.set("");
    summary.set(details == null ? "" : Messages.get("profile.ready"));
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
            show(result);
          }
        },
        error -> {
          if (gen == generation) {
            summary.set(error.summary());
          }
        });
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
