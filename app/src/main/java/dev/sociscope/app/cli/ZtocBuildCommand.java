package dev.sociscope.app.cli;

import dev.sociscope.core.soci.SociDefaults;
import dev.sociscope.core.build.ZtocBuilder;
import dev.sociscope.core.io.AtomicFiles;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocWriter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sociscope ztoc build LAYER -o OUT.ztoc}: index one layer blob (tar+gzip or plain tar) in one pass. */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Build the zTOC of a layer blob (tar+gzip or tar), reading it once.")
public final class ZtocBuildCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LAYER", description = "The layer blob: a .tar.gz or a .tar file.")
  Path layer;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Where to write the zTOC.")
  Path output;

  @Option(names = "--span-size", paramLabel = "BYTES", defaultValue = SociDefaults.SPAN_SIZE_TEXT,
      converter = ByteSizes.Positive.class, description = "Minimum uncompressed bytes between checkpoints: 65536,"
          + " 64KiB, 4MiB (default: ${DEFAULT-VALUE}).")
  long spanSize;

  @Option(names = {"--build-tool-id", "--build-tool"}, paramLabel = "TEXT",
      defaultValue = SociDefaults.BUILD_TOOL_IDENTIFIER,
      description = "Build tool identifier stored in the zTOC (default: \"${DEFAULT-VALUE}\").")
  String buildTool;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(layer)) {
      throw new NoSuchFileException(layer.toString(), null, "no such layer file");
    }
    long start = System.nanoTime();
    Ztoc ztoc;
    try (InputStream in = Files.newInputStream(layer)) {
      ztoc = new ZtocBuilder(new ZtocBuilder.Options(spanSize, buildTool)).build(in);
    } catch (java.io.IOException e) {
      throw new java.io.IOException(layer + ": " + e.getMessage(), e);
    }
    Ztoc built = ztoc;
    long size = AtomicFiles.write(output, out -> ZtocWriter.writeTo(built, out));
    double seconds = (System.nanoTime() - start) / 1e9;
    spec.commandLine().getOut().printf("wrote %s: %d entries, %d spans, %s, %d bytes (%.2f s)%n", output,
        ztoc.files().size(), ztoc.compressionInfo().spanCount(),
        ztoc.compressionInfo().algorithm().displayName(), size, seconds);
    return SociscopeCommand.EXIT_OK;
  }
}
