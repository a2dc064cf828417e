package dev.sociscope.app.ztoc;

import dev.sociscope.core.format.ByteSize;
import dev.sociscope.app.model.SpanInfo;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.app.common.Messages;
import java.util.BitSet;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;

/** The span map: the spans of the open zTOC, which of them the selection needs, and hover texts. */
public final class SpanMapViewModel {
  static final int TOOLTIP_FILES = 8;

  private final ZtocWorkspace workspace;
  private final ReadOnlyObjectWrapper<List<SpanInfo>> spans = new ReadOnlyObjectWrapper<>(List.of());
  private final ReadOnlyObjectWrapper<BitSet> highlighted = new ReadOnlyObjectWrapper<>(new BitSet());
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper selectionSummary = new ReadOnlyStringWrapper("");
  private final javafx.beans.property.ReadOnlyBooleanWrapper selectionActive =
      new javafx.beans.property.ReadOnlyBooleanWrapper(false);

  private final ReadOnlyObjectWrapper<BitSet> artifactSpans = new ReadOnlyObjectWrapper<>(new BitSet());
  private final ReadOnlyObjectWrapper<BitSet> profileSpans = new ReadOnlyObjectWrapper<>(new BitSet());
  private final ReadOnlyStringWrapper prefetchSummary = new ReadOnlyStringWrapper("");

  public SpanMapViewModel(ZtocWorkspace workspace) {
    this.workspace = workspace;
    workspace.marksProperty().addListener((o, a, m) -> showMarks(m));
    workspace.documentProperty().addListener((o, a, doc) -> {
      spans.set(doc == null ? List.of() : doc.spans());
      summary.set(doc == null ? "" : Messages.get("spans.summary", doc.spans().size(),
          ByteSize.human(doc.zinfo().spanSize()), ByteSize.human(doc.layerSize()), doc.algorithm().displayName()));
      updateSelection();
    });
    workspace.selection().addListener((ListChangeListener<FileNode>) c -> updateSelection());
  }

  public ReadOnlyObjectProperty<List<SpanInfo>> spansProperty() {
    return spans.getReadOnlyProperty();
  }

  /** Spans the image index's prefetch artifact lists for this layer. */
  public ReadOnlyObjectProperty<BitSet> artifactSpansProperty() {
    return artifactSpans.getReadOnlyProperty();
  }

  /** Spans the current start-up profile needs in this layer. */
  public ReadOnlyObjectProperty<BitSet> profileSpansProperty() {
    return profileSpans.getReadOnlyProperty();
  }

  /** "N spans prefetched by the index; M needed by the profile", or empty when neither applies. */
  public ReadOnlyStringProperty prefetchSummaryProperty() {
    return prefetchSummary.getReadOnlyProperty();
  }

  private void showMarks(SpanMapMarks m) {
    SpanMapMarks marks = m == null ? SpanMapMarks.NONE : m;
    artifactSpans.set(marks.artifact());
    profileSpans.set(marks.profile());
    int a = marks.artifact().cardinality();
    int p = marks.profile().cardinality();
    prefetchSummary.set(a == 0 && p == 0 ? "" : Messages.get("spans.prefetch.summary", a, p));
  }

  public ReadOnlyObjectProperty<BitSet> highlightedProperty() {
    return highlighted.getReadOnlyProperty();
  }

  /** Span count, span size, layer size. */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** "N spans, X of Y layer" for the selected files, or a hint when nothing is selected. */
  public ReadOnlyStringProperty selectionSummaryProperty() {
    return selectionSummary.getReadOnlyProperty();
  }

  /** Whether the selection needs any span (the summary then reads as a result, not a hint). */
  public javafx.beans.property.ReadOnlyBooleanProperty selectionActiveProperty() {
    return selectionActive.getReadOnlyProperty();
  }

  private void updateSelection() {
    ZtocDocument doc = workspace.document();
    selectionActive.set(false);
    if (doc == null) {
      highlighted.set(new BitSet());
      selectionSummary.set("");
      return;
    }
    BitSet set = doc.spansFor(workspace.selection());
    highlighted.set(set);
    if (workspace.selection().isEmpty()) {
      selectionSummary.set(Messages.get("spans.selection.none"));
    } else if (set.isEmpty()) {
      selectionSummary.set(Messages.get("spans.selection.noData"));
    } else {
      selectionActive.set(true);
      selectionSummary.set(Messages.get("spans.selection", set.cardinality(),
          ByteSize.human(doc.compressedBytes(set)), ByteSize.human(doc.layerSize())));
    }
  }

  /** The hover text for span {@code index}: ranges, bits and the files it holds. */
  public String tooltipFor(int index) {
    ZtocDocument doc = workspace.document();
    if (doc == null || index < 0 || index >= doc.spans().size()) {
      return "";
    }
    SpanInfo s = doc.spans().get(index);
    StringBuilder sb = new StringBuilder();
    sb.append(Messages.get("spans.tooltip.title", index)).append('\n');
    sb.append(Messages.get("spans.tooltip.compressed", ByteSize.exact(s.compressedStart()),
        ByteSize.exact(s.compressedEnd()), ByteSize.human(s.compressedSize()))).append('\n');
    sb.append(Messages.get("spans.tooltip.uncompressed", ByteSize.exact(s.uncompressedStart()),
        ByteSize.exact(s.uncompressedEnd()), ByteSize.human(s.uncompressedSize()))).append('\n');
    sb.append(Messages.get("spans.tooltip.bits", s.bits()));
    if (artifactSpans.get().get(index)) {
      sb.append('\n').append(Messages.get("spans.tooltip.artifact"));
    }
    if (profileSpans.get().get(index)) {
      sb.append('\n').append(Messages.get("spans.tooltip.profile"));
    }
    List<FileNode> files = doc.filesBySpan().get(index);
    if (files.isEmpty()) {
      sb.append('\n').append(Messages.get("spans.tooltip.noFiles"));
    } else {
      sb.append('\n').append(Messages.get("spans.tooltip.files", files.size()));
      for (int i = 0; i < Math.min(TOOLTIP_FILES, files.size()); i++) {
        sb.append("\n  ").append(files.get(i).displayPath());
      }
      if (files.size() > TOOLTIP_FILES) {
        sb.append("\n  ").append(Messages.get("spans.tooltip.more", files.size() - TOOLTIP_FILES));
      }
    }
    return sb.toString();
  }
}
