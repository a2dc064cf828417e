package dev.sociscope.app.ztoc;

import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.common.UserError;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;

/** The file tree: which document to show, the name filter and what it matched, and the selection. */
public final class FileTreeViewModel {
  private final ZtocWorkspace workspace;
  private final TaskRunner tasks;

  // Properties
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ObjectProperty<UserError> lastError = new SimpleObjectProperty<>();
  private final ReadOnlyObjectWrapper<TreeState.TreeStatus> status =
      new ReadOnlyObjectWrapper<>(TreeState.TreeStatus.NOTHING);
  private final TreeFilter filter;

  private final dev.sociscope.app.common.DialogService dialogs;
  private final dev.sociscope.app.service.SelectionSaver saver;

  public FileTreeViewModel(ZtocWorkspace workspace, TaskRunner tasks, dev.sociscope.app.common.DialogService dialogs,
      dev.sociscope.app.service.SelectionSaver saver) {
    this.workspace = workspace;
    this.tasks = tasks;
    this.filter = new TreeFilter(tasks, false, lastError::set);
    this.dialogs = dialogs;
    this.saver = saver;
    workspace.documentProperty().addListener((o, old, doc) -> {
      if (!sameSource(old, doc)) {
        filter.textProperty().set(""); // a filter left from another zTOC would make this one look empty
      }
      summary.set(doc == null ? "" : Messages.get("tree.summary", doc.tree().nodes().size(),
          doc.ztoc().files().size()));
      applyFilter();
      updateStatus();
    });
    filter.resultProperty().addListener((o, a, b) -> updateStatus());
  }

  /** No document, no files in the zTOC, the filter hiding every file, or listed; with the words for it. */
  public ReadOnlyObjectProperty<TreeState.TreeStatus> statusProperty() {
    return status.getReadOnlyProperty();
  }

  private void updateStatus() {
    ZtocDocument doc = workspace.document();
    NameFilter.Result result = filter.resultProperty().get();
    if (doc == null) {
      status.set(TreeState.TreeStatus.NOTHING);
    } else if (doc.tree().root().children().isEmpty()) {
      status.set(TreeState.TreeStatus.of(TreeState.EMPTY, "tree.empty"));
    } else if (result != null && result.matchCount() == 0) {
      status.set(TreeState.TreeStatus.of(TreeState.FILTERED_OUT, "tree.state.filteredOut",
          filter.textProperty().get().strip()));
    } else {
      status.set(TreeState.TreeStatus.shown());
    }
  }

  /** Whether {@code now} is {@code before} read again (F5, a layer attached), which keeps the filter. */
  private static boolean sameSource(ZtocDocument before, ZtocDocument now) {
    return before != null && now != null && before.title().equals(now.title())
        && before.ztocPath().equals(now.ztocPath());
  }

  public ReadOnlyObjectProperty<ZtocDocument> documentProperty() {
    return workspace.documentProperty();
  }

  public StringProperty filterTextProperty() {
    return filter.textProperty();
  }

  /** The nodes the filtered tree shows, or null when no filter is set. */
  public ReadOnlyObjectProperty<NameFilter.Result> filterResultProperty() {
    return filter.resultProperty();
  }

  public ReadOnlyStringProperty filterSummaryProperty() {
    return filter.summaryProperty();
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ObjectProperty<UserError> lastErrorProperty() {
    return lastError;
  }

  // Commands

  /** Runs the filter over the shown document's tree ({@link TreeFilter}: off the FX thread, once per text). */
  public void applyFilter() {
    ZtocDocument doc = workspace.document();
    filter.apply(doc == null ? null : doc.tree());
  }

  public void clearFilter() {
    filter.textProperty().set("");
  }

  public void select(List<FileNode> nodes, FileNode focused) {
    workspace.selection().setAll(nodes);
    workspace.focusedProperty().set(focused);
  }

  /** Asks for a folder and saves the selected files into it (paths kept, unsafe ones refused). */
  public void saveSelectionWithDialog() {
    if (workspace.document() == null || workspace.selection().isEmpty()) {
      return;
    }
    dialogs.chooseFolder().ifPresent(this::saveSelection);
  }

  public void saveSelection(java.nio.file.Path folder) {
    ZtocDocument doc = workspace.document();
    List<FileNode> nodes = List.copyOf(workspace.selection());
    if (doc == null || nodes.isEmpty()) {
      return;
    }
    tasks.run(Messages.get("task.saveSelection", nodes.size(), folder), p -> saver.save(doc, nodes, folder, p),
        summary -> {
          lastSaveSummary.set(summary);
          if (!summary.refused().isEmpty()) {
            dialogs.showError(Messages.get("tree.save.refusedTitle"), new UserError(
                Messages.get("tree.save.refused", summary.refused().size(), summary.saved()),
                String.join("\n", summary.refused())));
          }
        },
        error -> dialogs.showError(Messages.get("tree.save.failed"), error));
  }

  private final ObjectProperty<dev.sociscope.app.service.SelectionSaver.Summary> lastSaveSummary =
      new SimpleObjectProperty<>();

  /** What the last "Save selection to folder" did. */
  public ObjectProperty<dev.sociscope.app.service.SelectionSaver.Summary> lastSaveSummaryProperty() {
    return lastSaveSummary;
  }

  /** The selected paths, one a line, as "Copy path" puts them on the clipboard; empty when nothing is selected. */
  public String selectedPaths() {
    return workspace.selection().stream().map(FileNode::displayPath).collect(Collectors.joining("\n"));
  }
}
