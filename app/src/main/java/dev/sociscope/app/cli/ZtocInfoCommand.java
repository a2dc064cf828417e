package dev.sociscope.app.cli;

import dev.sociscope.core.ztoc.ZtocFormatException;
import dev.sociscope.core.ztoc.ZtocInfo;
import dev.sociscope.core.ztoc.ZtocReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sociscope ztoc info FILE}: what a zTOC file holds. {@code --json} prints exactly what upstream's
 * {@code soci ztoc info} prints; otherwise a readable summary and a table of files.
 */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = {
        "Show what a zTOC file holds: version, sizes, spans and files.",
        "With --json, print exactly the JSON of upstream's 'soci ztoc info'."})
public final class ZtocInfoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A zTOC file (the FlatBuffers blob of one layer).")
  Path file;

  @Option(names = "--json", description = "Print the JSON of upstream's 'soci ztoc info', nothing else.")
  boolean json;

  @Option(names = "--checkpoints", description = "Also list every checkpoint and every span with its digest.")
  boolean checkpoints;

  @Option(names = "--metadata", description = "Show every metadata field of each file instead of the file table.")
  boolean metadata;

  @Override
  public Integer call() throws IOException {
    if (json && (checkpoints || metadata)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--json prints upstream's JSON only; it cannot be combined with --checkpoints or --metadata");
    }
    byte[] bytes = readFile(file);
    ZtocReader.Parsed parsed;
    try {
      parsed = ZtocReader.readWithZinfo(bytes);
    } catch (ZtocFormatException e) {
      throw new IOException(file + " is not a valid zTOC: " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    ZtocInfo info = ZtocInfo.of(parsed.ztoc(), parsed.zinfo(), bytes.length);
    if (json) {
      out.print(info.toJson());
    } else {
      ZtocInfoPrinter printer = new ZtocInfoPrinter(out, parsed.ztoc(), parsed.zinfo(), info);
      printer.printSummary(file.toString());
      if (checkpoints) {
        printer.printCheckpoints();
      }
      if (metadata) {
        printer.printMetadata();
      } else {
        printer.printFileTable();
      }
    }
    out.flush();
    return SociscopeCommand.EXIT_OK;
  }

  static byte[] readFile(Path file) throws IOException {
    try {
      if (Files.isDirectory(file)) {
        throw new IOException(file + " is a directory, not a zTOC file");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException(file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new IOException(file + ": permission denied", e);
    } catch (OutOfMemoryError e) {
      throw new IOException(file + " is too large to read", e);
    }
  }
}
