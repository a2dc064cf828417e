package dev.sociscope.app.cli;

import dev.sociscope.core.format.ShortDigest;
import dev.sociscope.core.soci.SociDefaults;
import dev.sociscope.core.soci.SociAnnotations;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.workflow.CreateListener;
import dev.sociscope.core.workflow.CreatedIndex;
import dev.sociscope.core.workflow.PushResult;
import dev.sociscope.core.workflow.SociService;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sociscope create REF}: build a v1 SOCI index (and push it with {@code --push}). */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Build a SOCI index (v1) for an image, as 'soci create' does; with --push also upload it as a"
        + " referrer of the image manifest (fallback tag when the registry has no referrers API).",
        "Layers are streamed from the registry or layout (digest verified); zTOCs are cached and reused unless"
            + " --force."})
final class CreateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "REF", description = "Image: registry reference or oci:DIR[:TAG].")
  String ref;
  @Mixin RegistryFlags registry;
  @Mixin PlatformFlags platforms;
  @Mixin BuildFlags build;
  @Option(names = "--push", description = "Push the index to the image's repository (or layout).") boolean push;
  @Option(names = "--progress", description = "Print per-layer progress on stderr.") boolean progress;

  @Override
  public Integer call() throws Exception {
    SociService soci = registry.service(ref);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CreateListener listener = new Lines(out, err, progress);
    SociService.CreateOutcome o = soci.create(ref, SociService.CreateRequest.defaults()
        .withOptions(build.options(SociVersion.V1)).forcing(build.force).pushing(push)
        .withPlatforms(platforms.selection(false)), listener, new dev.sociscope.core.io.Cancellation());
    for (CreatedIndex ci : o.created()) {
      out.println("created soci index " + ci.build().digest() + " for " + dev.sociscope.core.format.TerminalText.escape(ci.manifest().platformText())
          + " (image manifest " + ci.manifest().manifest().digest() + ", " + ci.build().index().ztocs().size()
          + " zTOCs)");
    }
    for (PushResult p : o.pushed()) {
      out.println("pushed soci index " + p.index().digest() + (p.registryIndexedSubject()
          ? " (registry indexed the subject)" : p.fallbackTagUpdated() ? " (fallback tag updated)"
              : " (already listed)"));
      p.warnings().forEach(w -> err.println("warning: " + dev.sociscope.core.format.TerminalText.escape(w)));
    }
    return 0;
  }

  /**
   * Prints what core reports while building: its lines as upstream prints them on stdout, and warnings on stderr as
   * {@code warning: ...} (core's own {@code warning:} lines and prefetch paths found in no indexed layer). When
   * stdout carries JSON, the other lines go to stderr too. With {@code progress}, per-layer byte counts on stderr.
   */
  static final class Lines implements CreateListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean progress;

    Lines(PrintWriter out, PrintWriter err, boolean progress) {
      this.out = out;
      this.err = err;
      this.progress = progress;
    }

    @Override
    public synchronized void message(String line) {
      String warning = warning(line);
      if (warning != null) {
        err.println(dev.sociscope.core.format.TerminalText.escape(warning));
        err.flush();
      } else {
        out.println(dev.sociscope.core.format.TerminalText.escape(line));
      }
    }

    @Override
    public synchronized void layerProgress(dev.sociscope.core.oci.Descriptor layer, long done, long total) {
      if (progress) {
        err.println("layer " + ShortDigest.of(layer.digest()) + ": " + done + "/" + total + " bytes");
      }
    }

    /** The line as a warning ({@code warning: ...}), or null when it is none. */
    static String warning(String line) {
      if (line.startsWith("warning: ")) {
        return line;
      }
      if (line.startsWith("prefetch file ") && line.endsWith(" not found in any indexed layer")) {
        return "warning: " + line;
      }
      return null;
    }
  }

  /** Build options shared with convert. */
  static final class BuildFlags {
    @Option(names = "--span-size", paramLabel = "BYTES", defaultValue = SociDefaults.SPAN_SIZE_TEXT,
        converter = ByteSizes.Positive.class,
        description = "Span size in uncompressed bytes: 65536, 64KiB, 4MiB (default: ${DEFAULT-VALUE}).")
    long spanSize;
    @Option(names = "--min-layer-size", paramLabel = "BYTES", defaultValue = SociDefaults.MIN_LAYER_SIZE_TEXT,
        converter = ByteSizes.class,
        description = "Layers smaller than this get no zTOC; 0 indexes every layer (default: ${DEFAULT-VALUE}).")
    long minLayerSize;
    @Option(names = {"-f", "--force"}, description = "Rebuild zTOCs that already exist.") boolean force;
    @Option(names = {"--build-tool-id", "--build-tool"}, paramLabel = "TEXT",
        defaultValue = SociDefaults.BUILD_TOOL_IDENTIFIER,
        description = "Build tool identifier written into the index and zTOCs (default: \"${DEFAULT-VALUE}\").")
    String buildTool;
    @Option(names = "--optimizations", paramLabel = "NAME", description = "Optimizations; only 'xattr' exists.")
    List<String> optimizations = new ArrayList<>();
    @Option(names = "--prefetch-file", paramLabel = "PATH", description = "A file whose spans get a prefetch"
        + " artifact (repeatable; spec 3.7). A path in no indexed layer is a warning.")
    List<String> prefetchFiles = new ArrayList<>();
    @Option(names = "--prefetch-files-json", paramLabel = "FILE",
        description = "A JSON array of paths to prefetch, added to --prefetch-file (as 'sociscope profile --export'"
            + " writes it).")
    java.nio.file.Path prefetchJson;

    SociIndexOptions options(SociVersion version) {
      for (String o : optimizations) {
        if (!o.equals("xattr")) {
          throw new IllegalArgumentException("unknown optimization '" + o + "' (only 'xattr' exists)");
        }
      }
      List<String> prefetch = new ArrayList<>(prefetchFiles);
      if (prefetchJson != null) {
        try {
          String text = java.nio.file.Files.readString(prefetchJson);
          if (!text.strip().startsWith("[")) {
            // StartupPaths.parse would also take a plain list or an strace log; this flag takes JSON, as upstream's.
            throw new dev.sociscope.core.error.CorruptInputException("not a JSON array of paths (e.g. [\"/app/bin\"];"
                + " 'sociscope profile --export' writes one)");
          }
          prefetch.addAll(dev.sociscope.core.profile.StartupPaths.parse(text));
        } catch (java.io.IOException e) {
          throw new IllegalArgumentException("--prefetch-files-json " + prefetchJson + ": "
              + UserErrorHandler.message(e).replace(prefetchJson + ": ", ""), e);
        }
      }
      return SociIndexOptions.defaults(version).withSpanSize(spanSize).withMinLayerSize(minLayerSize)
          .withBuildToolIdentifier(buildTool).withXattrOptimization(optimizations.contains("xattr"))
          .withPrefetchPaths(prefetch);
    }
  }
}
