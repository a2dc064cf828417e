package dev.sociscope.app.ztoc;

import dev.sociscope.app.model.ZtocDocument;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.testing.DirectTaskRunner;
import dev.sociscope.app.testing.SyntheticZtoc;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileTreeViewModelTest {
  private final ZtocWorkspace workspace = new ZtocWorkspace();
  private final DirectTaskRunner tasks = new DirectTaskRunner();
  private final FileTreeViewModel vm = new FileTreeViewModel(workspace, tasks, null, null);

  private static ZtocDocument document() throws Exception {
    Ztoc z = SyntheticZtoc.of(List.of(
        SyntheticZtoc.entry("a.txt", EntryType.REG, 512, 10),
        SyntheticZtoc.entry("b.bin", EntryType.REG, 1024, 10)), 1L << 20, 1 << 20);
    return ZtocDocument.of("t", Optional.empty(), Optional.empty(), z, Zinfo.of(z), () -> false);
  }

  @Test
  void theSameFilterIsAppliedOnceWhenTheDebounceTimerAndEnterBothFire() throws Exception {
    workspace.documentProperty().set(document());
    vm.filterTextProperty().set("*.txt");
    vm.applyFilter(); // the debounce timer
    vm.applyFilter(); // Enter
    vm.filterTextProperty().set(" *.txt "); // the same filter once stripped
    vm.applyFilter();
    assertThat(tasks.titles).containsExactly("Filtering for \u201c*.txt\u201d");
    assertThat(vm.filterResultProperty().get().matchCount()).isEqualTo(1);
  }

  @Test
  void aChangedFilterOrANewDocumentRunsAgain() throws Exception {
    workspace.documentProperty().set(document());
    vm.filterTextProperty().set("*.txt");
    vm.applyFilter();
    vm.filterTextProperty().set("*.bin");
    vm.applyFilter();
    vm.filterTextProperty().set("*.txt");
    vm.applyFilter();
    workspace.documentProperty().set(document()); // equal content, but another document: filtered again
    assertThat(tasks.titles).containsExactly("Filtering for \u201c*.txt\u201d", "Filtering for \u201c*.bin\u201d",
        "Filtering for \u201c*.txt\u201d", "Filtering for \u201c*.txt\u201d");
    vm.clearFilter();
    vm.applyFilter();
    assertThat(vm.filterResultProperty().get()).isNull();
    assertThat(tasks.titles).hasSize(4);
  }

  @Test
  void theTreeSaysEmptyOnlyForAZtocWithoutFilesAndNamesAFilterThatHidesAll() throws Exception {
    assertThat(vm.statusProperty().get().state()).isEqualTo(TreeState.NONE);
    workspace.documentProperty().set(document());
    assertThat(vm.statusProperty().get().state()).isEqualTo(TreeState.SHOWN);
    vm.filterTextProperty().set("*.png");
    vm.applyFilter();
    assertThat(vm.statusProperty().get().state()).isEqualTo(TreeState.FILTERED_OUT);
    assertThat(vm.statusProperty().get().text()).isEqualTo(
        "No file matches \u201c*.png\u201d. Press Esc to clear the filter.");
    vm.clearFilter();
    vm.applyFilter();
    assertThat(vm.statusProperty().get().state()).isEqualTo(TreeState.SHOWN);

    Ztoc none = SyntheticZtoc.of(List.of(), 1L << 20, 1 << 20);
    workspace.documentProperty().set(ZtocDocument.of("empty", Optional.empty(), Optional.empty(), none,
        Zinfo.of(none), () -> false));
    assertThat(vm.statusProperty().get().state()).isEqualTo(TreeState.EMPTY);
    assertThat(vm.statusProperty().get().text()).isEqualTo("This layer has no files.");
  }
}
