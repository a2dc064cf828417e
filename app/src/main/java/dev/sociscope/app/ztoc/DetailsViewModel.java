package dev.sociscope.app.ztoc;

import dev.sociscope.core.format.FileMode;
import dev.sociscope.core.format.ByteSize;
import dev.sociscope.app.model.SpanInfo;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.app.common.Messages;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.PaxRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Full metadata of the focused entry, PAX records and xattrs included, or of the zTOC when nothing is selected. */
public final class DetailsViewModel {
  private final ZtocWorkspace workspace;
  private final ObservableList<DetailRow> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");

  public DetailsViewModel(ZtocWorkspace workspace) {
    this.workspace = workspace;
    workspace.focusedProperty().addListener((o, a, b) -> update());
    workspace.documentProperty().addListener((o, a, b) -> update());
  }

  public ObservableList<DetailRow> rows() {
    return rows;
  }

  public ReadOnlyStringProperty headingProperty() {
    return heading.getReadOnlyProperty();
  }

  private void update() {
    ZtocDocument doc = workspace.document();
    FileNode node = workspace.focusedProperty().get();
    List<DetailRow> out = new ArrayList<>();
    if (doc == null) {
      heading.set("");
    } else if (node == null) {
      heading.set(Messages.get("details.ztoc.heading", doc.title()));
      documentRows(doc, out);
    } else {
      heading.set(node.displayPath());
      entryRows(doc, node, out);
    }
    rows.setAll(out);
  }

  private static void documentRows(ZtocDocument doc, List<DetailRow> out) {
    out.add(row("details.ztoc.version", doc.ztoc().version(), false));
    out.add(row("details.ztoc.buildTool", doc.ztoc().buildToolIdentifier(), false));
    out.add(row("details.ztoc.compression", doc.algorithm().displayName(), false));
    out.add(row("details.ztoc.compressedSize", sizeText(doc.ztoc().compressedArchiveSize()), true));
    out.add(row("details.ztoc.uncompressedSize", sizeText(doc.ztoc().uncompressedArchiveSize()), true));
    out.add(row("details.ztoc.spanSize", sizeText(doc.zinfo().spanSize()), true));
    out.add(row("details.ztoc.spans", Integer.toString(doc.spans().size()), true));
    out.add(row("details.ztoc.entries", ByteSize.exact(doc.ztoc().files().size()), true));
    if (doc.tree().replacedEntries() > 0) {
      out.add(row("details.ztoc.replaced", Integer.toString(doc.tree().replacedEntries()), true));
    }
    out.add(row("details.ztoc.layer", doc.layer().map(l -> l.description())
        .orElse(Messages.get("details.ztoc.noLayer")), false));
    doc.ztocPath().ifPresent(p -> out.add(row("details.ztoc.file", p.toString(), false)));
  }

  private static void entryRows(ZtocDocument doc, FileNode node, List<DetailRow> out) {
    FileMetadata e = node.entry();
    out.add(row("details.path", node.displayPath(), false));
    if (e == null) {
      out.add(row("details.type", Messages.get("details.impliedDir"), false));
      out.add(row("details.contains", Messages.get("details.containsValue", node.descendantCount(),
          ByteSize.human(node.size())), false));
      return;
    }
    out.add(row("details.name", e.name(), false));
    out.add(row("details.type", e.type().wireName(), false));
    out.add(row("details.size", sizeText(e.uncompressedSize()), true));
    if (node.isDirectory()) {
      out.add(row("details.contains", Messages.get("details.containsValue", node.descendantCount(),
          ByteSize.human(node.size())), false));
    }
    out.add(row("details.mode", FileMode.ls(e.type(), e.mode()) + "  (" + FileMode.octal(e.mode()) + ", raw 0"
        + Long.toOctalString(e.mode()) + ")", true));
    out.add(row("details.uid", Long.toString(e.uid()), true));
    out.add(row("details.gid", Long.toString(e.gid()), true));
    out.add(row("details.uname", e.uname(), false));
    out.add(row("details.gname", e.gname(), false));
    out.add(row("details.mtime", e.modTime(), true));
    if (!e.linkname().isEmpty()) {
      out.add(row("details.link", e.linkname(), false));
    }
    if (e.devmajor() != 0 || e.devminor() != 0) {
      out.add(row("details.device", e.devmajor() + ", " + e.devminor(), true));
    }
    out.add(row("details.offset", ByteSize.exact(e.uncompressedOffset()) + " \u2013 " + ByteSize.exact(e.dataEnd()), true));
    if (node.hasData()) {
      SpanInfo first = doc.spans().get(node.firstSpan());
      SpanInfo last = doc.spans().get(node.lastSpan());
      out.add(row("details.spans", EntryText.spans(node) + "  (" + (node.lastSpan() - node.firstSpan() + 1) + ")",
          true));
      out.add(row("details.compressedRange", ByteSize.exact(first.compressedStart()) + " \u2013 "
          + ByteSize.exact(last.compressedEnd()) + "  (" + ByteSize.human(last.compressedEnd() - first.compressedStart())
          + ")", true));
    }
    for (PaxRecord r : e.xattrs()) {
      out.add(new DetailRow(Messages.get("details.xattr", r.key()), printable(r.value()), true));
    }
    for (PaxRecord r : e.paxRecords()) {
      out.add(new DetailRow(Messages.get("details.pax", r.key()), printable(r.value()), true));
    }
  }

  /** UTF-8 text when the bytes are printable UTF-8, else hex. */
  static String printable(byte[] value) {
    try {
      String s = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString();
      boolean ok = s.chars().allMatch(c -> c >= 0x20 || c == '\t');
      if (ok) {
        return s;
      }
    } catch (CharacterCodingException e) {
      // not text: show hex below
    }
    return "0x" + HexFormat.of().formatHex(value) + "  (" + value.length + " bytes)";
  }

  private static String sizeText(long bytes) {
    return ByteSize.exact(bytes) + " B  (" + ByteSize.human(bytes) + ")";
  }

  private static DetailRow row(String key, String value, boolean mono) {
    return new DetailRow(Messages.get(key), value, mono);
  }
}
