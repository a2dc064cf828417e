package dev.sociscope.app.cli;

import dev.sociscope.core.format.ByteSize;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.extract.SpanRange;
import dev.sociscope.core.io.AtomicFiles;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.oci.Platform;
import dev.sociscope.core.profile.Link;
import dev.sociscope.core.profile.StartupPaths;
import dev.sociscope.core.profile.StartupProfile;
import dev.sociscope.core.profile.WhatIf;
import dev.sociscope.core.profile.WhatIfAnalyzer;
import dev.sociscope.core.soci.SociDefaults;
import dev.sociscope.core.workflow.SociService;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sociscope profile REF --paths FILE}: what a container start costs, full pull against lazy loading. */
@Command(name = "profile", mixinStandardHelpOptions = true,
    description = {"Estimate what starting a container downloads, full pull against lazy loading through the image's"
        + " SOCI index, for the files it touches at start: per layer whether it is indexed, which of the files it"
        + " holds, the spans they need and the lazy bytes; totals and seconds on a network link.",
        "--paths takes a plain list (one path a line, # comments), a JSON array as 'soci create"
            + " --prefetch-files-json' reads, or an 'strace -f -e trace=%%file' log (successful calls only).",
        "--what-if adds what other span sizes and min layer sizes would cost (estimated from the existing zTOCs;"
            + " --exact measures them from the layers, a full download); --span-size chooses the sizes."},
    footerHeading = "%nExamples:%n",
    footer = {"  strace -f -e trace=%%file -o start.log my-entrypoint; sociscope profile 127.0.0.1:5000/app:1"
        + " --paths start.log",
        "  sociscope profile 127.0.0.1:5000/app:1 --paths paths.txt --what-if --bandwidth 1Gbit --rtt 2ms",
        "  sociscope profile 127.0.0.1:5000/app:1 --paths start.log --export prefetch.json"})
final class ProfileCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "REF", description = "Image: registry reference or oci:DIR[:TAG].")
  String ref;
  @Option(names = "--paths", paramLabel = "FILE", required = true,
      description = "The paths the container touches at start: list, JSON array or strace log ('-': stdin).")
  String pathsFile;
  @Mixin RegistryFlags registry;
  @Option(names = {"-p", "--platform"}, paramLabel = "OS/ARCH[/VARIANT]",
      description = "Platform of a multi-platform image (default linux/amd64, else the first).")
  String platform;
  @Option(names = "--bandwidth", paramLabel = "RATE", defaultValue = "100Mbit", converter = Bandwidth.class,
      description = "Link bandwidth for the time estimates, e.g. 100Mbit, 1Gbit, 12.5MB (default: ${DEFAULT-VALUE}).")
  double bandwidth;
  @Option(names = "--rtt", paramLabel = "TIME", defaultValue = "20ms", converter = Rtt.class,
      description = "Round-trip time to the registry, e.g. 20ms, 0.1s (default: ${DEFAULT-VALUE}).")
  double rtt;
  @Option(names = "--what-if", description = "Also print what the start would cost with other span sizes (1, 2, 4, 8"
      + " and 16 MiB unless --span-size) and min layer sizes.")
  boolean whatIf;
  @Option(names = "--span-size", paramLabel = "BYTES", converter = ByteSizes.Positive.class,
      description = "A span size for the what-if table (repeatable, e.g. --span-size 1MiB --span-size 8MiB;"
          + " implies --what-if).")
  List<Long> spanSizes = new ArrayList<>();
  @Option(names = "--min-layer-size", paramLabel = "BYTES", converter = ByteSizes.class,
      description = "Min layer size of the what-if span-size rows (default: " + SociDefaults.MIN_LAYER_SIZE_TEXT
          + ", as create; 0: every layer).")
  Long minLayerSize;
  @Option(names = "--exact", description = "What-if rows measured from the layers (downloads every layer SOCI can"
      + " index once) instead of estimated from the existing zTOCs; implies --what-if.")
  boolean exact;
  @Option(names = "--json", description = "Print JSON.") boolean json;
  @Option(names = "--export", paramLabel = "FILE", description = "Write the paths found in the image as the JSON array"
      + " 'soci create --prefetch-files-json' reads (paths not found in an indexed layer are left out).")
  Path export;

  /** {@code --bandwidth}. */
  static final class Bandwidth implements CommandLine.ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      try {
        return Link.parseBandwidth(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --rtt}. */
  static final class Rtt implements CommandLine.ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      try {
        return Link.parseRtt(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    String text = pathsFile.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
        : Files.readString(Path.of(pathsFile), StandardCharsets.UTF_8);
    List<String> paths = StartupPaths.parse(text);
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("--paths " + pathsFile + " names no path");
    }
    Platform p = platform == null ? null : Platform.parse(platform);
    SociService soci = registry.service(ref);
    StartupProfile profile = soci.profile(ref, p, paths);
    Link link = new Link(bandwidth, rtt);
    boolean what = whatIf || exact || !spanSizes.isEmpty();
    List<Long> sizes = spanSizes.isEmpty() ? WhatIfAnalyzer.SPAN_SIZES
        : List.copyOf(new LinkedHashSet<>(spanSizes));
    long min = minLayerSize == null ? SociDefaults.MIN_LAYER_SIZE : minLayerSize;
    WhatIf w = what ? soci.whatIf(ref, p, paths, sizes, min, exact, new Cancellation()) : null;
    if (export != null) {
      Set<String> notFound = Set.copyOf(profile.notFound());
      List<String> found = paths.stream().filter(x -> !notFound.contains(x)).toList();
      AtomicFiles.write(export, (StartupPaths.toJson(found) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(json(profile, link, w)));
    } else {
      print(out, profile, link, w);
      if (export != null) {
        out.println();
        out.println("wrote " + (paths.size() - profile.notFound().size()) + " path(s) to " + export);
      }
    }
    return 0;
  }

  private static void print(PrintWriter out, StartupProfile p, Link link, WhatIf w) {
    out.println("image manifest " + p.manifest() + (p.platform().isEmpty() ? "" : " (" + dev.sociscope.core.format.TerminalText.escape(p.platform()) + ")"));
    out.println(p.index() == null ? "no SOCI index: every layer is pulled whole"
        : "SOCI index " + p.index() + ", span size " + bytes(p.spanSize()));
    out.println();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"LAYER", "SIZE", "INDEXED", "FILES", "SPANS", "REQUESTS", "LAZY BYTES"});
    for (StartupProfile.Layer l : p.layers()) {
      rows.add(new String[] {l.digest().toString(), Long.toString(l.size()), l.indexed() ? "yes" : "no",
          Integer.toString(l.files().size()), l.indexed() ? spans(l.spans()) : "whole layer",
          Long.toString(l.rangeRequests()), Long.toString(l.lazyBytes())});
    }
    Table.print(out, rows);
    out.println();
    long lazy = p.lazyBytes();
    out.println(String.format(Locale.ROOT, "full pull: %s; lazy: %s (%s of the full pull; index %s, zTOCs %s): %s",
        bytes(p.fullPullBytes()), bytes(lazy), percent(lazy, p.fullPullBytes()), bytes(p.indexBytes()),
        bytes(p.ztocBytes()), lazy <= p.fullPullBytes() ? percent(p.fullPullBytes() - lazy, p.fullPullBytes())
            + " saved" : percent(lazy - p.fullPullBytes(), p.fullPullBytes()) + " more than a full pull"));
    if (!p.notFound().isEmpty()) {
      out.println(p.notFound().size() + " path(s) not found in an indexed layer: " + p.notFound().stream()
          .limit(10).map(x -> "/" + dev.sociscope.core.format.TerminalText.escape(x)).collect(Collectors.joining(", ")) + (p.notFound().size() > 10 ? ", ..." : ""));
    }
    StartupProfile.Seconds s = p.seconds(link);
    out.println(String.format(Locale.ROOT, "on %s: full pull %.2f s, lazy %.2f s, lazy with prefetch %.2f s",
        linkText(link), s.fullPull(), s.lazy(), s.lazyPrefetched()));
    if (w != null) {
      out.println();
      out.println("what if (" + (w.exact() ? "exact: measured from the layers" : "estimated from the existing"
          + " zTOCs; layers without one count whole; --exact measures") + "), min layer size "
          + bytes(w.baseMinLayerSize()) + ":");
      List<String[]> spanRows = new ArrayList<>();
      spanRows.add(new String[] {"SPAN SIZE", "ZTOC BYTES", "NEEDED BYTES", "REQUESTS", "LAZY BYTES",
          "LAZY SECONDS"});
      for (WhatIf.SpanRow r : w.spanRows()) {
        spanRows.add(new String[] {bytes(r.spanSize()), Long.toString(r.ztocBytes()), Long.toString(r.neededBytes()),
            Long.toString(r.rangeRequests()), Long.toString(r.lazyBytes()),
            String.format(Locale.ROOT, "%.2f", link.seconds(r.lazyBytes() + p.indexBytes(), 3 + r.rangeRequests()))});
      }
      Table.print(out, spanRows);
      out.println();
      out.println("min layer size, at span size " + bytes(w.baseSpanSize()) + (w.exact() ? "" : " (estimated)")
          + ":");
      List<String[]> minRows = new ArrayList<>();
      minRows.add(new String[] {"MIN LAYER SIZE", "INDEXED LAYERS", "LAZY BYTES"});
      for (WhatIf.MinSizeRow r : w.minSizeRows()) {
        minRows.add(new String[] {bytes(r.minLayerSize()), Integer.toString(r.indexedLayers()),
            Long.toString(r.lazyBytes())});
      }
      Table.print(out, minRows);
    }
  }

  /** {@code 0-3,7}: merged inclusive span runs, {@code -} for none. */
  static String spans(List<SpanRange> spans) {
    if (spans.isEmpty()) {
      return "-";
    }
    return spans.stream().map(r -> r.first() == r.last() ? Integer.toString(r.first()) : r.first() + "-" + r.last())
        .collect(Collectors.joining(","));
  }

  static String bytes(long n) {
    return ByteSize.human(n);
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }

  static String linkText(Link link) {
    double b = link.bitsPerSecond();
    String rate = b >= 1e9 ? trim(b / 1e9) + " Gbit/s" : b >= 1e6 ? trim(b / 1e6) + " Mbit/s"
        : b >= 1e3 ? trim(b / 1e3) + " kbit/s" : trim(b) + " bit/s";
    return rate + ", " + trim(link.rttSeconds() * 1000) + " ms round trip";
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
  }

  static ObjectNode json(StartupProfile p, Link link, WhatIf w) {
    ObjectNode o = Json.object();
    o.put("platform", p.platform());
    o.put("manifest", p.manifest().toString());
    o.put("index", p.index() == null ? null : p.index().toString());
    o.put("span_size", p.spanSize());
    o.put("full_pull_bytes", p.fullPullBytes());
    o.put("lazy_bytes", p.lazyBytes());
    o.put("index_bytes", p.indexBytes());
    o.put("ztoc_bytes", p.ztocBytes());
    ArrayNode nf = o.putArray("not_found");
    p.notFound().forEach(x -> nf.add("/" + x));
    StartupProfile.Seconds s = p.seconds(link);
    ObjectNode so = o.putObject("seconds");
    so.put("bandwidth_bits_per_second", link.bitsPerSecond());
    so.put("rtt_seconds", link.rttSeconds());
    so.put("full_pull", s.fullPull());
    so.put("lazy", s.lazy());
    so.put("lazy_prefetched", s.lazyPrefetched());
    ArrayNode layers = o.putArray("layers");
    for (StartupProfile.Layer l : p.layers()) {
      ObjectNode lo = layers.addObject();
      lo.put("digest", l.digest().toString());
      lo.put("size", l.size());
      lo.put("indexed", l.indexed());
      ArrayNode files = lo.putArray("files");
      l.files().forEach(f -> files.add("/" + f));
      ArrayNode spans = lo.putArray("spans");
      for (SpanRange r : l.spans()) {
        spans.addArray().add(r.first()).add(r.last());
      }
      lo.put("range_requests", l.rangeRequests());
      lo.put("lazy_bytes", l.lazyBytes());
    }
    if (w != null) {
      ObjectNode wo = o.putObject("what_if");
      wo.put("exact", w.exact());
      wo.put("estimated", !w.exact());
      wo.put("min_layer_size", w.baseMinLayerSize());
      ArrayNode rows = wo.putArray("span_sizes");
      for (WhatIf.SpanRow r : w.spanRows()) {
        ObjectNode ro = rows.addObject();
        ro.put("span_size", r.spanSize());
        ro.put("ztoc_bytes", r.ztocBytes());
        ro.put("needed_bytes", r.neededBytes());
        ro.put("range_requests", r.rangeRequests());
        ro.put("lazy_bytes", r.lazyBytes());
      }
      wo.put("base_span_size", w.baseSpanSize());
      ArrayNode minRows = wo.putArray("min_layer_sizes");
      for (WhatIf.MinSizeRow r : w.minSizeRows()) {
        ObjectNode ro = minRows.addObject();
        ro.put("min_layer_size", r.minLayerSize());
        ro.put("indexed_layers", r.indexedLayers());
        ro.put("lazy_bytes", r.lazyBytes());
      }
    }
    return o;
  }
}
