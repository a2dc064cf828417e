package dev.sociscope.app.cli;

import dev.sociscope.core.format.ShortDigest;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.soci.PrefetchArtifact;
import dev.sociscope.core.workflow.FoundPrefetch;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sociscope prefetch list|info}: the prefetch artifacts (spec 3.7) in an image's SOCI indexes. */
@Command(name = "prefetch", mixinStandardHelpOptions = true,
    description = "Show the prefetch artifacts of an image's SOCI indexes: which spans of which layer the runtime"
        + " fetches before the container starts.",
    subcommands = {PrefetchCommand.ListCommand.class, PrefetchCommand.InfoCommand.class,
        CommandLine.HelpCommand.class})
final class PrefetchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing a prefetch subcommand; see 'sociscope prefetch --help'.");
  }

  /** {@code sociscope prefetch list REF}. */
  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
      description = "List every prefetch artifact of every usable SOCI index of the image (all platforms unless -p):"
          + " its layer, index, spans, and why it cannot be used when it cannot.")
  static final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "REF", description = "Image: registry reference or oci:DIR[:TAG].")
    String ref;
    @Mixin RegistryFlags registry;
    @Mixin PlatformFlags platforms;
    @Option(names = "--json", description = "Print JSON.") boolean json;

    @Override
    public Integer call() throws Exception {
      List<FoundPrefetch> found = registry.service(ref).prefetches(ref, platforms.selection(true));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(json(found)));
        return 0;
      }
      if (found.isEmpty()) {
        spec.commandLine().getErr().println("no prefetch artifact found for " + ref);
        return 0;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"PLATFORM", "LAYER", "INDEX", "ARTIFACT", "SPANS", "RANGES", "PROBLEM"});
      for (FoundPrefetch f : found) {
        rows.add(new String[] {f.manifest().platformText(), f.descriptor().layerDigest().toString(),
            ShortDigest.of(f.index().descriptor().digest()), ShortDigest.of(f.descriptor().descriptor().digest()),
            f.artifact() == null ? "-" : Long.toString(f.spanCount()), ranges(f),
            f.problem() == null ? "" : f.problem()});
      }
      Table.print(out, rows);
      return 0;
    }
  }

  /** {@code sociscope prefetch info REF LAYER_DIGEST}. */
  @Command(name = "info", mixinStandardHelpOptions = true,
      description = "Show the prefetch artifacts for one layer: the index that lists them, the artifact blob, each"
          + " span range with its priority.")
  static final class InfoCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "REF", description = "Image: registry reference or oci:DIR[:TAG].")
    String ref;
    @Parameters(index = "1", paramLabel = "LAYER_DIGEST",
        description = "The layer: sha256:<hex>, or a unique prefix of its hex digest.")
    String layer;
    @Mixin RegistryFlags registry;
    @Mixin PlatformFlags platforms;
    @Option(names = "--json", description = "Print JSON.") boolean json;

    @Override
    public Integer call() throws Exception {
      List<FoundPrefetch> all = registry.service(ref).prefetches(ref, platforms.selection(true));
      Digest wanted = resolveLayer(all, layer, ref);
      List<FoundPrefetch> found = all.stream().filter(f -> f.descriptor().layerDigest().equals(wanted)).toList();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(json(found)));
        return 0;
      }
      boolean first = true;
      for (FoundPrefetch f : found) {
        if (!first) {
          out.println();
        }
        first = false;
        out.println("layer:     " + f.descriptor().layerDigest());
        out.println("platform:  " + dev.sociscope.core.format.TerminalText.escape(f.manifest().platformText()) + " (image manifest "
            + f.manifest().manifest().digest() + ")");
        out.println("index:     " + f.index().descriptor().digest() + " ("
            + f.index().version().name().toLowerCase(Locale.ROOT) + ", via " + f.index().via().label() + ")");
        out.println("artifact:  " + f.descriptor().descriptor().digest() + " (" + f.descriptor().descriptor().size()
            + " bytes, " + f.descriptor().descriptor().mediaType() + ")");
        if (f.problem() != null) {
          out.println("problem:   " + dev.sociscope.core.format.TerminalText.escape(f.problem()));
          continue;
        }
        out.println("version:   " + f.artifact().version());
        out.println("spans:     " + f.spanCount() + " in " + f.artifact().spans().size() + " range(s)");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"FIRST SPAN", "LAST SPAN", "SPANS", "PRIORITY"});
        for (PrefetchArtifact.Span s : f.artifact().spans()) {
          rows.add(new String[] {Integer.toString(s.startSpan()), Integer.toString(s.endSpan()),
              Long.toString((long) s.endSpan() - s.startSpan() + 1), Integer.toString(s.priority())});
        }
        Table.print(out, rows);
      }
      return 0;
    }
  }

  /** The one layer digest among the artifacts that {@code text} (a digest or a unique hex prefix) names. */
  static Digest resolveLayer(List<FoundPrefetch> found, String text, String ref) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    String hex = t.startsWith("sha256:") ? t.substring("sha256:".length()) : t;
    if (hex.isEmpty() || !hex.matches("[0-9a-f]+")) {
      throw new IllegalArgumentException("'" + text + "' is not a layer digest (sha256:<hex> or a hex prefix)");
    }
    TreeSet<Digest> layers = new TreeSet<>();
    found.forEach(f -> layers.add(f.descriptor().layerDigest()));
    List<Digest> matches = layers.stream().filter(d -> d.hex().startsWith(hex)).toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new IllegalArgumentException("no prefetch artifact for layer " + text + " in " + ref
          + (layers.isEmpty() ? " (it has none)" : " (layers with one: " + layers.stream().map(Digest::shortHex)
              .collect(Collectors.joining(", ")) + ")"));
    }
    throw new IllegalArgumentException("'" + text + "' matches " + matches.size() + " layers ("
        + matches.stream().map(Digest::shortHex).collect(Collectors.joining(", ")) + "); give more digits");
  }

  /** {@code 0-3,7}: the artifact's inclusive span ranges in its order. */
  static String ranges(FoundPrefetch f) {
    if (f.artifact() == null) {
      return "-";
    }
    return f.artifact().spans().stream().map(s -> s.startSpan() == s.endSpan() ? Integer.toString(s.startSpan())
        : s.startSpan() + "-" + s.endSpan()).collect(Collectors.joining(","));
  }

  static ArrayNode json(List<FoundPrefetch> found) {
    ArrayNode arr = Json.array();
    found.forEach(f -> arr.add(json(f)));
    return arr;
  }

  static ObjectNode json(FoundPrefetch f) {
    ObjectNode o = Json.object();
    o.put("platform", f.manifest().platformText());
    o.put("image_manifest", f.manifest().manifest().digest().toString());
    o.put("index", f.index().descriptor().digest().toString());
    o.put("index_version", f.index().version().name().toLowerCase(Locale.ROOT));
    o.put("layer", f.descriptor().layerDigest().toString());
    o.put("artifact", f.descriptor().descriptor().digest().toString());
    o.put("artifact_size", f.descriptor().descriptor().size());
    if (f.artifact() != null) {
      o.put("version", f.artifact().version());
      o.put("span_count", f.spanCount());
      ArrayNode spans = o.putArray("spans");
      for (PrefetchArtifact.Span s : f.artifact().spans()) {
        ObjectNode so = spans.addObject();
        so.put("start_span", s.startSpan());
        so.put("end_span", s.endSpan());
        so.put("priority", s.priority());
      }
    }
    o.put("problem", f.problem());
    return o;
  }
}
