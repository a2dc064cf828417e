package dev.sociscope.app.cli;

import dev.sociscope.core.extract.ExtractStats;
import dev.sociscope.core.extract.LazyExtractor;
import dev.sociscope.core.extract.LocalFileSource;
import dev.sociscope.core.io.AtomicFiles;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocFormatException;
import dev.sociscope.core.ztoc.ZtocReader;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sociscope ztoc get-file ZTOC LAYER PATH}: extract one file, reading only the spans that hold it. */
@Command(name = "get-file", mixinStandardHelpOptions = true,
    description = "Extract one file from a layer through its zTOC, reading and verifying only the spans it needs.")
public final class ZtocGetFileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ZTOC", description = "The zTOC file.")
  Path ztocFile;

  @Parameters(index = "1", paramLabel = "LAYER", description = "The layer blob the zTOC describes.")
  Path layer;

  @Parameters(index = "2", paramLabel = "PATH",
      description = "File in the layer, e.g. /etc/passwd (a leading / or ./ may be left out).")
  String path;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write here (atomically) instead of stdout.")
  Path output;

  @Option(names = "--stats", description = "Print compressed bytes read and spans touched to stderr.")
  boolean stats;

  @Option(names = "--keep-setuid", description = "With -o: keep the setuid/setgid bits of the file's mode (dropped by"
      + " default).")
  boolean keepSetuid;

  @Override
  public Integer call() throws Exception {
    for (Path p : new Path[] {ztocFile, layer}) {
      if (!Files.isRegularFile(p)) {
        throw new NoSuchFileException(p.toString(), null, "no such file");
      }
    }
    Ztoc ztoc;
    try {
      ztoc = ZtocReader.read(ZtocInfoCommand.readFile(ztocFile));
    } catch (ZtocFormatException e) {
      throw new IOException(ztocFile + " is not a valid zTOC: " + e.getMessage(), e);
    }
    ExtractStats result;
    try (LocalFileSource source = new LocalFileSource(layer)) {
      if (source.size() != ztoc.compressedArchiveSize()) {
        throw new IllegalArgumentException(layer + " is " + source.size() + " bytes, but the zTOC describes a "
            + ztoc.compressedArchiveSize() + "-byte layer; is it the right layer?");
      }
      LazyExtractor extractor = new LazyExtractor(ztoc, source);
      if (output != null) {
        var entry = extractor.find(path);
        long mode = entry.isPresent() ? extractor.resolve(entry.get()).mode() : 0644;
        result = AtomicFiles.write(output, out -> extractor.extract(path, out), r -> mode, keepSetuid);
      } else {
        OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        result = extractor.extract(path, stdout);
        stdout.flush();
      }
      if (stats) {
        long size = source.size();
        spec.commandLine().getErr().printf("compressed bytes read: %d of %d (%.1f%%)%nspans touched: %d%s%n",
            result.compressedBytesRead(), size, size == 0 ? 0.0 : 100.0 * result.compressedBytesRead() / size,
            result.spansTouched(), result.spansTouched() == 0 ? ""
                : " (" + result.firstSpan() + ".." + result.lastSpan() + ")");
        spec.commandLine().getErr().flush();
      }
    }
    return SociscopeCommand.EXIT_OK;
  }
}
