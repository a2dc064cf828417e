package dev.sociscope.app.ztoc;

import dev.sociscope.app.model.ZtocDocument;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.testing.SyntheticZtoc;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpanMapViewModelTest {
  private final ZtocWorkspace workspace = new ZtocWorkspace();
  private final SpanMapViewModel vm = new SpanMapViewModel(workspace);

  private ZtocDocument document() throws Exception {
    List<dev.sociscope.core.ztoc.FileMetadata> files = new ArrayList<>();
    files.add(SyntheticZtoc.entry("big", EntryType.REG, 512, 3 * 1024 * 1024)); // spans 0..3
    files.add(SyntheticZtoc.entry("small", EntryType.REG, 4 * 1024 * 1024, 100)); // span 4
    files.add(SyntheticZtoc.entry("empty", EntryType.REG, 4 * 1024 * 1024 + 1024, 0));
    Ztoc z = SyntheticZtoc.of(files, 5L << 20, 1 << 20);
    return ZtocDocument.of("t", Optional.empty(), Optional.empty(), z, Zinfo.of(z), () -> false);
  }

  @Test
  void selectionHighlightsTheSpansItNeeds() throws Exception {
    ZtocDocument doc = document();
    workspace.documentProperty().set(doc);
    assertThat(vm.spansProperty().get()).hasSize(5);
    assertThat(vm.selectionSummaryProperty().get()).isEqualTo("Select files to see the spans they need.");

    workspace.selection().setAll(doc.tree().find("big").orElseThrow(), doc.tree().find("small").orElseThrow());
    assertThat(vm.highlightedProperty().get().toString()).isEqualTo("{0, 1, 2, 3, 4}");
    assertThat(vm.selectionSummaryProperty().get()).isEqualTo("5 spans, 5.0 MiB of 5.0 MiB layer");

    workspace.selection().setAll(doc.tree().find("small").orElseThrow());
    assertThat(vm.selectionSummaryProperty().get()).isEqualTo("1 span, 1.0 MiB of 5.0 MiB layer");

    workspace.selection().setAll(doc.tree().find("empty").orElseThrow());
    assertThat(vm.highlightedProperty().get().isEmpty()).isTrue();
    assertThat(vm.selectionSummaryProperty().get()).contains("no file data");
  }

  @Test
  void tooltipNamesRangesAndFiles() throws Exception {
    workspace.documentProperty().set(document());
    String tip = vm.tooltipFor(4);
    assertThat(tip).startsWith("Span 4\n")
        .contains("compressed    4,194,304 \u2013 5,242,880  (1.0 MiB)")
        .contains("1 file with data here:\n  /small");
    assertThat(vm.tooltipFor(99)).isEmpty();
  }
}
