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
}
