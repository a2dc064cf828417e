package dev.sociscope.app.ztoc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.app.testing.SyntheticZtoc;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.Test;

/**
 * A tar with a path thousands of components deep: building the tree, summing sizes, span sets, filtering, opening
 * the folders on the way to a match and sorting never recurse per component. Run on a thread with a small stack,
 * where one frame per component would overflow.
 */
class DeepTreeTest {
  static final int DEPTH = 4000;

  /** One file under {@code depth} nested folders named "d". */
  static Ztoc deep(int depth) {
    String dir = "d/".repeat(depth);
    return SyntheticZtoc.of(List.of(SyntheticZtoc.entry(dir + "deep.txt", EntryType.REG, 512, 100),
        SyntheticZtoc.entry("top.txt", EntryType.REG, 1024, 10)), 1L << 20, 1 << 20);
  }

  static void onSmallStack(Runnable r) throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        r.run();
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "small-stack", 192 * 1024);
    t.start();
    t.join();
    if (failure.get() != null) {
      throw new AssertionError("failed on a small stack", failure.get());
    }
  }

  @Test
  void deepPathsNeedNoStackPerComponent() throws Exception {
    Ztoc z = deep(DEPTH);
    Zinfo zinfo = Zinfo.of(z);
    onSmallStack(() -> {
      ZtocDocument doc = ZtocDocument.of("deep", Optional.empty(), Optional.empty(), z, zinfo, () -> false);
      FileNode file = doc.tree().find("d/".repeat(DEPTH) + "deep.txt").orElseThrow();
      assertThat(doc.tree().root().size()).isEqualTo(110);
      assertThat(doc.tree().root().descendantCount()).isEqualTo(DEPTH + 2);
      assertThat(doc.spansFor(List.of(doc.tree().root())).get(0)).isTrue();

      NameFilter.Result result = NameFilter.parse("deep.txt").apply(doc.tree(), () -> false);
      assertThat(result.visible()).contains(file);
      // JavaFX itself dispatches a TreeItem's events through every ancestor (one frame each), so the app opens
      // at most AUTO_EXPAND_MATCHES folders on the way to a match; its own code adds no frame per level.
      FileTreeItem.SortState sort = new FileTreeItem.SortState();
      FileTreeItem root = new FileTreeItem(doc.tree().root(), result.visible(), sort);
      root.setExpanded(true);
      FileTreeTable.expandMatches(root, FileTreeTable.AUTO_EXPAND_MATCHES);
      TreeItem<FileNode> item = root;
      int levels = 0;
      while (item.isExpanded() && !item.getChildren().isEmpty()) {
        item = item.getChildren().get(0);
        levels++;
      }
      assertThat(levels).isEqualTo(FileTreeTable.AUTO_EXPAND_MATCHES + 1);
      sort.comparator = Comparator.comparing(i -> i.getValue().name());
      root.resort();
    });
  }

  @Test
  void aNewZtocStartsUnfilteredAndTheSameOneReadAgainKeepsItsFilter() throws Exception {
    ZtocWorkspace workspace = new ZtocWorkspace();
    FileTreeViewModel vm = new FileTreeViewModel(workspace, new dev.sociscope.app.testing.DirectTaskRunner(), null,
        null);
    Ztoc z = deep(3);
    workspace.documentProperty().set(ZtocDocument.of("a.ztoc", Optional.empty(), Optional.empty(), z, Zinfo.of(z),
        () -> false));
    vm.filterTextProperty().set("nothing-like-this");
    vm.applyFilter();
    assertThat(vm.filterResultProperty().get().matchCount()).isZero();
    // F5: the same zTOC read again keeps the filter.
    workspace.documentProperty().set(ZtocDocument.of("a.ztoc", Optional.empty(), Optional.empty(), z, Zinfo.of(z),
        () -> false));
    assertThat(vm.filterTextProperty().get()).isEqualTo("nothing-like-this");
    // Another zTOC does not look empty because of the old filter.
    workspace.documentProperty().set(ZtocDocument.of("b.ztoc", Optional.empty(), Optional.empty(), z, Zinfo.of(z),
        () -> false));
    assertThat(vm.filterTextProperty().get()).isEmpty();
    assertThat(vm.filterResultProperty().get()).isNull();
  }
}
