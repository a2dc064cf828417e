package dev.sociscope.app.compare;

import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.service.RegistryService;
import dev.sociscope.core.diff.IndexDiff;
import dev.sociscope.core.format.ByteSize;
import dev.sociscope.core.format.ShortDigest;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The compare view: core's index diff of two indexes of one repository, as lines: per layer what happened to its
 * zTOC, span-size changes and file changes, then the size deltas. The same facts as {@code sociscope index diff}.
 */
public final class CompareViewModel {
  /** File changes shown per layer; the CLI's --json lists them all. */
  static final int MAX_FILES_SHOWN = 50;

  private final RegistryService service;
  private final TaskRunner tasks;
  private final ObservableList<String> lines = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

  public CompareViewModel(RegistryService service, TaskRunner tasks) {
    this.service = service;
    this.tasks = tasks;
  }

  public ObservableList<String> lines() {
    return lines;
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** Compares {@code a} with {@code b} (tags or digests in the repository) off the FX thread. */
  public void compare(RegistryConnection connection, String repository, String a, String b) {
    lines.clear();
    summary.set(Messages.get("compare.running", a, b));
    tasks.run(Messages.get("task.compare", a, b), p -> service.diff(connection, repository, a, b, p),
        d -> {
          lines.setAll(describe(d));
          summary.set(Messages.get("compare.summary", ShortDigest.of(d.a().toString()),
              ShortDigest.of(d.b().toString()), d.layers().size(), signed(d.indexBytesDelta()),
              signed(d.ztocBytesDelta())));
        },
        error -> summary.set(error.summary()));
  }

  static List<String> describe(IndexDiff d) {
    List<String> out = new ArrayList<>();
    for (IndexDiff.LayerDiff l : d.layers()) {
      String layer = ShortDigest.of(String.valueOf(l.layerB() != null ? l.layerB() : l.layerA()));
      out.add(Messages.get("compare.layer", l.change().name().toLowerCase(java.util.Locale.ROOT), layer,
          l.spanSizeChanged() ? Messages.get("compare.span", ByteSize.human(l.spanSizeA()),
              ByteSize.human(l.spanSizeB())) : "", l.files().size()));
      int shown = 0;
      for (IndexDiff.FileChange f : l.files()) {
        if (shown++ == MAX_FILES_SHOWN) {
          out.add(Messages.get("compare.more", l.files().size() - MAX_FILES_SHOWN));
          break;
        }
        String mark = f.kind() == IndexDiff.FileChangeKind.ADDED ? "+"
            : f.kind() == IndexDiff.FileChangeKind.REMOVED ? "-" : "~";
        out.add("    " + mark + " /" + f.path() + (f.what().isEmpty() ? "" : ": " + String.join(", ", f.what())));
      }
    }
    return out;
  }

  private static String signed(long bytes) {
    return (bytes >= 0 ? "+" : "-") + ByteSize.human(Math.abs(bytes));
  }
}
