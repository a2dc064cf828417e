package dev.sociscope.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.format.FileMode;
import dev.sociscope.core.format.ShortDigest;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.files.FileEntry;
import dev.sociscope.core.files.ImageFiles;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sociscope ls REF [PATH]}: the file tree of an image from its zTOCs. */
@Command(name = "ls", mixinStandardHelpOptions = true,
    description = {"List files of an image from its SOCI zTOCs alone (no layer download): the merged tree with"
        + " whiteouts applied, or one layer with --layer.",
        "Layers without a zTOC are left out (a note says which) unless --scan streams them."})
final class LsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "REF", description = "Image: registry reference or oci:DIR[:TAG].")
  String ref;
  @Parameters(index = "1", paramLabel = "PATH", arity = "0..1", defaultValue = "/", description = "Directory or file (default /).")
  String path;
  @Mixin RegistryFlags registry;
  @Mixin PlatformFlags platforms;
  @Option(names = "--layer", paramLabel = "DIGEST", description = "Only this layer (digest or unique hex prefix).")
  String layer;
  @Option(names = {"-l", "--long"}, description = "Mode, owner, size, time, layer.") boolean longFormat;
  @Option(names = {"-R", "--recursive"}, description = "Everything below PATH.") boolean recursive;
  @Option(names = "--scan", description = "Stream layers that have no zTOC to list them too.") boolean scan;
  @Option(names = "--index", paramLabel = "DIGEST", description = "Use this SOCI index.") String index;
  @Option(names = "--json", description = "Print JSON.") boolean json;

  @Override
  public Integer call() throws Exception {
    ImageFiles files = registry.service(ref).files(ref, platforms.selection(false),
        index == null ? null : Digest.parse(index));
    PrintWriter out = spec.commandLine().getOut();
    TreeMap<String, FileEntry> tree = layer == null ? files.tree(scan)
        : files.layerTree(files.layer(layer), scan);
    if (!json) {
      for (ImageFiles.Layer l : files.layers()) {
        if (!l.indexed() && (layer == null || files.layer(layer) == l)) {
          spec.commandLine().getErr().println("note: layer " + l.descriptor().digest() + " has no zTOC"
              + (scan ? " (streamed " + l.scanCost() + " bytes to list it)" : "; its files are not shown (--scan)"));
        }
      }
    }
    ArrayNode arr = json ? Json.array() : null;
    java.util.function.Consumer<FileEntry> print = e -> {
      if (json) {
        arr.add(json(e));
      } else {
        out.println(longFormat ? longLine(e) : esc(recursive ? e.path() : e.name()) + (e.isDirectory() ? "/" : ""));
      }
    };
    try {
      if (recursive) {
        ImageFiles.walk(tree, path, print); // streamed: a very deep tree is never held as a list
      } else {
        ImageFiles.list(tree, path).forEach(print);
      }
    } catch (java.io.FileNotFoundException e) {
      long unindexed = files.layers().stream().filter(l -> !l.indexed()).count();
      throw new java.io.FileNotFoundException(e.getMessage() + (scan || unindexed == 0 ? ""
          : " (as far as the zTOCs tell; " + unindexed + " layer(s) have no zTOC: use --scan)"));
    }
    if (json) {
      out.println(Json.write(arr));
    }
    return 0;
  }

  private String longLine(FileEntry e) {
    FileMetadata m = e.metadata();
    String target = m.type() == EntryType.SYMLINK ? " -> " + esc(m.linkname())
        : m.type() == EntryType.HARDLINK ? " link to " + esc(m.linkname()) : "";
    String layerText = e.layerDigest() == null ? "-" : ShortDigest.of(e.layerDigest());
    return String.format(Locale.ROOT, "%s %5d %5d %12d %-25s %-19s %s%s", modeString(m), m.uid(), m.gid(),
        m.uncompressedSize(), m.modTime().isEmpty() ? "-" : esc(m.modTime()), layerText,
        esc(recursive ? e.path() : e.name()), target);
  }

  /** A name from the image as {@code ls -b} shows it. */
  private static String esc(String text) {
    return dev.sociscope.core.format.TerminalText.escape(text);
  }

  static String modeString(FileMetadata m) {
    return FileMode.ls(m.type(), m.mode());
  }

  private static ObjectNode json(FileEntry e) {
    FileMetadata m = e.metadata();
    ObjectNode o = Json.object();
    o.put("path", "/" + e.path());
    o.put("type", m.type().wireName());
    o.put("size", m.uncompressedSize());
    o.put("mode", FileMode.octal(m.mode()));
    o.put("uid", m.uid());
    o.put("gid", m.gid());
    o.put("modTime", m.modTime());
    if (!m.linkname().isEmpty()) {
      o.put("linkname", m.linkname());
    }
    o.put("layer", e.layerDigest() == null ? null : e.layerDigest().toString());
    return o;
  }
}
