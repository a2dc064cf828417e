package dev.sociscope.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.extract.SpanFetch;
import dev.sociscope.core.io.AtomicFiles;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.files.ImageFiles;
import dev.sociscope.core.files.ReadStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sociscope get REF PATH}: one file, read with range requests through its layer's zTOC. */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = {"Read one file of an image: only the spans that hold it are fetched (range requests, span digests"
        + " verified). Layers without a zTOC are streamed instead.",
        "PATH may be typed as /etc/passwd, etc/passwd or ./etc/passwd."})
final class GetCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "REF", description = "Image: registry reference or oci:DIR[:TAG].")
  String ref;
  @Parameters(index = "1", paramLabel = "PATH", description = "File in the image, e.g. /etc/os-release.")
  String path;
  @Mixin RegistryFlags registry;
  @Mixin PlatformFlags platforms;
  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (default: stdout), with the"
      + " file's permission bits; only a regular file is replaced.")
  Path output;
  @Option(names = "--stats", description = "Print what the read cost on stderr.") boolean stats;
  @Option(names = "--json", description = "With --stats: print the statistics as JSON.") boolean json;
  @Option(names = "--index", paramLabel = "DIGEST", description = "Use this SOCI index.") String index;
  @Option(names = {"-L", "--follow"}, description = "Follow symlinks (within the image).") boolean follow;
  @Option(names = "--keep-setuid", description = "With -o: keep the setuid/setgid bits of the file's mode (dropped by"
      + " default).") boolean keepSetuid;
  @Option(names = "--whole-spans", description = "Fetch every span whole and verify it against its digest, as the"
      + " upstream runtime does (default: the last span only up to the file's end, and for a small file deep in its"
      + " span only from a deflate block shortly before it; a span read in part cannot be verified).")
  boolean wholeSpans;

  @Override
  public Integer call() throws Exception {
    ImageFiles files = registry.service(ref).files(ref, platforms.selection(false),
        index == null ? null : Digest.parse(index));
    files.spanFetch(wholeSpans ? SpanFetch.WHOLE : SpanFetch.TO_FILE_END);
    ReadStats s;
    if (output != null) {
      // a regular file or nothing is replaced; the file gets the tar header's permission bits
      s = AtomicFiles.write(output, out -> files.read(path, out, follow), ReadStats::mode, keepSetuid);
    } else {
      spec.commandLine().getOut().flush();
      s = files.read(path, System.out, follow);
      System.out.flush();
    }
    if (stats) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(json ? Json.write(statsJson(s)) : statsLine(s));
      if (s.rangeIgnored() && !json) {
        err.println("warning: the registry ignores range requests (it sent whole blobs); the bytes fetched count"
            + " what arrived");
      }
    }
    return 0;
  }

  static String statsLine(ReadStats s) {
    if (!s.lazy()) {
      return String.format(Locale.ROOT, "/%s: %d bytes from layer %s by streaming (the layer has no zTOC); fetched"
          + " %d bytes in total to list and read layers without a zTOC (this layer has %d bytes), %d ms",
          dev.sociscope.core.format.TerminalText.escape(s.path()), s.fileSize(), s.layer(), s.bytesFetched(), s.layerSize(), s.elapsed().toMillis());
    }
    return String.format(Locale.ROOT, "/%s: %d bytes from layer %s lazily: %d range request(s), spans %d-%d"
        + " (%d span(s) of %d bytes); fetched %d of %d layer bytes (%.1f%% saved), the file's own compressed share"
        + " is about %d bytes; whole spans (the upstream runtime) would fetch %d bytes: %d saved (%.1f%%)%s, %d ms",
        dev.sociscope.core.format.TerminalText.escape(s.path()), s.fileSize(), s.layer(), s.requests(), s.firstSpan(), s.lastSpan(),
        s.spans(), s.spanSize(), s.bytesFetched(), s.layerSize(),
        s.layerSize() == 0 ? 0.0 : 100.0 * s.bytesSaved() / s.layerSize(), s.fileCompressedEstimate(),
        s.wholeSpanBytes(), s.savedAgainstWholeSpans(),
        s.wholeSpanBytes() == 0 ? 0.0 : 100.0 * s.savedAgainstWholeSpans() / s.wholeSpanBytes(),
        (s.verified() ? "" : "; the last span was read in part, so it was not checked against its digest")
            + (s.startedInsideSpan() ? "; inflated from a deflate block inside the span, placed by the file's tar"
            + " header, not from the span's checkpoint" : ""),
        s.elapsed().toMillis());
  }

  static ObjectNode statsJson(ReadStats s) {
    ObjectNode o = Json.object();
    o.put("path", "/" + s.path());
    o.put("layer", s.layer().toString());
    o.put("lazy", s.lazy());
    o.put("fileSize", s.fileSize());
    o.put("bytesFetched", s.bytesFetched());
    o.put("requests", s.requests());
    o.put("spans", s.spans());
    o.put("firstSpan", s.firstSpan());
    o.put("lastSpan", s.lastSpan());
    o.put("spanSize", s.spanSize());
    o.put("layerSize", s.layerSize());
    o.put("fileCompressedEstimate", s.fileCompressedEstimate());
    o.put("wholeSpanBytes", s.wholeSpanBytes());
    o.put("savedAgainstWholeSpans", s.savedAgainstWholeSpans());
    o.put("verified", s.verified());
    o.put("startedInsideSpan", s.startedInsideSpan());
    o.put("rangeIgnored", s.rangeIgnored());
    o.put("millis", s.elapsed().toMillis());
    return o;
  }
}
