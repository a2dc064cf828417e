package dev.sociscope.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.format.ByteSize;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.workflow.ConvertPreview;
import dev.sociscope.core.workflow.ConvertResult;
import java.io.PrintWriter;

/**
 * {@code convert --dry-run}: what the conversion would write (core's {@link ConvertPreview}), as text or JSON. When
 * {@code --existing-index skip} applied there is nothing to preview: the text output is core's {@code skipped:} line
 * alone, the JSON output names the reason.
 */
final class ConvertPreviewPrinter {
  private ConvertPreviewPrinter() {}

  static void print(PrintWriter out, ConvertResult result, boolean json) throws Exception {
    if (result.skippedBecause() != null) {
      if (json) {
        ObjectNode o = Json.object();
        o.put("destination", result.destination());
        o.put("skipped_because", result.skippedBecause());
        out.println(Json.write(o));
      }
      return;
    }
    print(out, result.preview(), json);
  }

  static void print(PrintWriter out, ConvertPreview p, boolean json) throws Exception {
    if (json) {
      ObjectNode o = Json.object();
      o.put("destination", p.destination());
      o.putNull("skipped_because");
      o.put("image_index", p.index().toString());
      ArrayNode rewritten = o.putArray("rewritten");
      for (ConvertPreview.Rewrite r : p.rewritten()) {
        rewritten.addObject().put("platform", r.platform()).put("from", r.from().toString())
            .put("to", r.to().toString()).put("size", r.size());
      }
      ArrayNode added = o.putArray("added");
      p.added().forEach(d -> added.addObject().put("digest", d.digest().toString()).put("media_type",
          d.mediaType()).put("size", d.size()));
      ArrayNode shared = o.putArray("shared");
      p.shared().forEach(d -> shared.addObject().put("digest", d.digest().toString()).put("media_type",
          d.mediaType()).put("size", d.size()));
      o.put("bytes_added", p.bytesAdded());
      out.println(Json.write(o));
      return;
    }
    out.println("dry run: nothing written to " + dev.sociscope.core.format.TerminalText.escape(p.destination()));
    out.println("SOCI-enabled image index " + p.index() + " would be tagged " + dev.sociscope.core.format.TerminalText.escape(p.destination()));
    for (ConvertPreview.Rewrite r : p.rewritten()) {
      out.println("  rewritten  " + dev.sociscope.core.format.TerminalText.escape(r.platform()) + "  " + r.from() + " -> " + r.to());
    }
    for (Descriptor d : p.added()) {
      out.println("  added      soci index v2  " + d.digest() + "  " + ByteSize.human(d.size()));
    }
    for (Descriptor d : p.shared()) {
      out.println("  shared     " + d.digest() + "  " + dev.sociscope.core.format.TerminalText.escape(String.valueOf(d.mediaType())));
    }
    out.println("bytes added: " + ByteSize.human(p.bytesAdded()) + " (" + p.bytesAdded() + ")");
  }
}
