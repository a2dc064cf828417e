package dev.sociscope.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.diff.IndexDiff;
import dev.sociscope.core.oci.Digest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sociscope index diff A B}: how two SOCI indexes differ, layer by layer. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Compare two SOCI indexes layer by layer: zTOCs reused, rebuilt (same layer, other zTOC),"
        + " replaced (another layer in the same position), dropped or added; span-size changes; file changes"
        + " from the zTOCs' tables of contents; index and zTOC byte deltas.",
        "Each side is REPO@sha256:... (or oci:DIR@sha256:...) naming a SOCI index manifest, or an image, which"
            + " stands for the index the runtime would use for its default platform."},
    footerHeading = "%nExamples:%n",
    footer = {"  sociscope index diff 127.0.0.1:5000/app:1 127.0.0.1:5000/app:2",
        "  sociscope index diff 127.0.0.1:5000/app@sha256:<index A> 127.0.0.1:5000/app@sha256:<index B>"})
final class IndexDiffCommand implements Callable<Integer> {
  /** File changes printed per layer before "... and N more" (all of them with --json). */
  static final int MAX_FILES_SHOWN = 50;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "A", description = "Index or image A.") String a;
  @Parameters(index = "1", paramLabel = "B", description = "Index or image B.") String b;
  @Mixin RegistryFlags registry;
  @Option(names = "--json", description = "Print JSON.") boolean json;

  @Override
  public Integer call() throws Exception {
    IndexDiff d = registry.service(a, b).diff(a, b);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(json(d)));
      return 0;
    }
    out.println("A: index " + d.a());
    out.println("B: index " + d.b());
    out.println();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"CHANGE", "LAYER", "SPAN SIZE", "ZTOC BYTES", "FILES", "REPLACES (LAYER IN A)"});
    for (IndexDiff.LayerDiff l : d.layers()) {
      rows.add(new String[] {name(l.change()), digest(layer(l)), change(l.spanSizeA(), l.spanSizeB()),
          change(l.ztocBytesA(), l.ztocBytesB()), fileSummary(l),
          l.change() == IndexDiff.Change.REPLACED ? digest(l.layerA()) : ""});
    }
    Table.print(out, rows);
    for (IndexDiff.LayerDiff l : d.layers()) {
      if (l.files().isEmpty()) {
        continue;
      }
      out.println();
      out.println("files of layer " + digest(layer(l)) + " ("
          + name(l.change()) + "):");
      int shown = 0;
      for (IndexDiff.FileChange f : l.files()) {
        if (shown++ == MAX_FILES_SHOWN) {
          out.println("  ... and " + (l.files().size() - MAX_FILES_SHOWN) + " more (--json lists all)");
          break;
        }
        out.println("  " + sign(f.kind()) + " /" + dev.sociscope.core.format.TerminalText.escape(f.path()) + (f.what().isEmpty() ? "" : ": "
            + dev.sociscope.core.format.TerminalText.escape(String.join(", ", f.what()))));
      }
    }
    out.println();
    out.println("index manifest bytes " + signed(d.indexBytesDelta()) + ", zTOC bytes " + signed(d.ztocBytesDelta())
        + (d.filesChanged() ? "" : "; no file differs"));
    return 0;
  }

  /** B's layer, or A's when it was dropped. */
  private static Digest layer(IndexDiff.LayerDiff l) {
    return l.layerB() != null ? l.layerB() : l.layerA();
  }

  private static String fileSummary(IndexDiff.LayerDiff l) {
    if (l.files().isEmpty()) {
      return "-";
    }
    long added = l.files().stream().filter(f -> f.kind() == IndexDiff.FileChangeKind.ADDED).count();
    long removed = l.files().stream().filter(f -> f.kind() == IndexDiff.FileChangeKind.REMOVED).count();
    long changed = l.files().size() - added - removed;
    List<String> parts = new ArrayList<>();
    if (added > 0) {
      parts.add(added + " added");
    }
    if (removed > 0) {
      parts.add(removed + " removed");
    }
    if (changed > 0) {
      parts.add(changed + " changed");
    }
    return String.join(", ", parts);
  }

  private static String sign(IndexDiff.FileChangeKind k) {
    return switch (k) {
      case ADDED -> "+";
      case REMOVED -> "-";
      case CHANGED -> "~";
    };
  }

  static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static String digest(Digest d) {
    return d == null ? "-" : d.toString();
  }

  /** {@code 65536}, {@code 65536 -> 262144}, or {@code -} when neither side has one. */
  private static String change(long x, long y) {
    if (x == y) {
      return x == 0 ? "-" : Long.toString(x);
    }
    return (x == 0 ? "-" : Long.toString(x)) + " -> " + (y == 0 ? "-" : Long.toString(y));
  }

  private static String signed(long n) {
    return (n > 0 ? "+" : "") + n;
  }

  static ObjectNode json(IndexDiff d) {
    ObjectNode o = Json.object();
    o.put("a", d.a().toString());
    o.put("b", d.b().toString());
    o.put("index_bytes_delta", d.indexBytesDelta());
    o.put("ztoc_bytes_delta", d.ztocBytesDelta());
    o.put("files_changed", d.filesChanged());
    ArrayNode layers = o.putArray("layers");
    for (IndexDiff.LayerDiff l : d.layers()) {
      ObjectNode lo = layers.addObject();
      lo.put("change", name(l.change()));
      lo.put("layer_a", l.layerA() == null ? null : l.layerA().toString());
      lo.put("layer_b", l.layerB() == null ? null : l.layerB().toString());
      lo.put("span_size_a", l.spanSizeA());
      lo.put("span_size_b", l.spanSizeB());
      lo.put("span_size_changed", l.spanSizeChanged());
      lo.put("ztoc_bytes_a", l.ztocBytesA());
      lo.put("ztoc_bytes_b", l.ztocBytesB());
      ArrayNode files = lo.putArray("files");
      for (IndexDiff.FileChange f : l.files()) {
        ObjectNode fo = files.addObject();
        fo.put("kind", name(f.kind()));
        fo.put("path", "/" + f.path());
        ArrayNode what = fo.putArray("what");
        f.what().forEach(what::add);
      }
    }
    return o;
  }
}
