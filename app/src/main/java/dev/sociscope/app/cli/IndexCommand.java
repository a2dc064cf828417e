package dev.sociscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.soci.SociIndex;
import dev.sociscope.core.workflow.Discovery;
import dev.sociscope.core.workflow.FoundIndex;
import dev.sociscope.core.workflow.OpenedImage;
import dev.sociscope.core.workflow.IndexRemover;
import dev.sociscope.core.workflow.LayerStatus;
import dev.sociscope.core.workflow.SociDiscoverer;
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

/** {@code sociscope index list|info|rm}: the SOCI indexes of an image. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = "List, show and remove the SOCI indexes of an image.",
    subcommands = {IndexCommand.ListCommand.class, IndexCommand.InfoCommand.class, IndexCommand.RemoveCommand.class,
        IndexDiffCommand.class, IndexPruneCommand.class,
        CommandLine.HelpCommand.class})
public final class IndexCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing an index subcommand; see 'sociscope index --help'.");
  }

  /** {@code sociscope index list REF}. */
  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
      description = "List every SOCI index of an image: v1 (referrers or fallback tag) and v2 (SOCI-enabled image).")
  static final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "REF", description = "Image: registry reference or oci:DIR[:TAG].")
    String ref;
    @Mixin RegistryFlags registry;
    @Mixin PlatformFlags platforms;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Option(names = {"-q", "--quiet"}, description = "Print index digests only.") boolean quiet;
    @Option(names = "--related", description = "Also scan the repository's tags for the same image converted to (or"
        + " from) a SOCI-enabled image.") boolean related;

    @Override
    public Integer call() throws Exception {
      SociService soci = registry.service(ref);
      // Digests alone come from the referrers list: no request per index manifest.
      Discovery d = soci.discover(ref, platforms.selection(true), !quiet || json);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ArrayNode arr = Json.array();
        for (Discovery.PlatformIndexes p : d.platforms()) {
          for (FoundIndex f : p.indexes()) {
            arr.add(indexJson(p, f));
          }
        }
        if (related) {
          for (var e : soci.relatedImages(ref, platforms.selection(true), 500).entrySet()) {
            for (var r : e.getValue()) {
              ObjectNode o = Json.object();
              o.put("relatedTo", e.getKey().manifest().digest().toString());
              o.put("tag", r.tag());
              o.put("manifest", r.manifest().toString());
              o.put("sociIndex", r.sociEnabled() ? r.sociIndex().toString() : null);
              arr.add(o);
            }
          }
        }
        if (d.complete()) {
          out.println(Json.write(arr));
        } else {
          // As ls-tags does: an object instead of the bare array, so a script expecting the whole list notices.
          ObjectNode o = Json.object();
          o.set("indexes", arr);
          o.put("complete", false);
          o.put("cutShort", String.join("; ", d.cutShort()));
          out.println(Json.write(o));
        }
        noteCutShort(d);
        return 0;
      }
      if (quiet) {
        d.allIndexes().forEach(f -> out.println(f.descriptor().digest()));
        noteCutShort(d);
        return 0;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"DIGEST", "SIZE", "VERSION", "PLATFORM", "ZTOCS", "FOUND VIA", "BUILD TOOL",
          "IMAGE MANIFEST"});
      for (Discovery.PlatformIndexes p : d.platforms()) {
        for (FoundIndex f : p.indexes()) {
          rows.add(new String[] {f.descriptor().digest().toString(), Long.toString(f.descriptor().size()),
              f.version().name().toLowerCase(java.util.Locale.ROOT), p.manifest().platformText(),
              f.usable() ? Integer.toString(f.index().ztocs().size()) : "-", f.via().label(),
              f.usable() ? f.index().buildToolIdentifier() : "unreadable: " + f.problem(),
              p.manifest().manifest().digest().toString()});
        }
      }
      Table.print(out, rows);
      if (rows.size() == 1) {
        spec.commandLine().getErr().println("no SOCI index found for " + d.image());
      }
      noteCutShort(d);
      if (related) {
        List<String[]> rel = new ArrayList<>();
        rel.add(new String[] {"SAME IMAGE AS", "TAG", "MANIFEST", "SOCI INDEX (V2)"});
        for (var e : soci.relatedImages(ref, platforms.selection(true), 500).entrySet()) {
          for (var r : e.getValue()) {
            rel.add(new String[] {e.getKey().platformText(), r.tag(), r.manifest().toString(),
                r.sociEnabled() ? r.sociIndex().toString() : "- (original)"});
          }
        }
        out.println();
        Table.print(out, rel);
      }
      return 0;
    }

    /** One line on stderr per referrers listing the listing limits ended early, worded as ls-tags words it. */
    private void noteCutShort(Discovery d) {
      for (String why : d.cutShort()) {
        spec.commandLine().getErr().println("sociscope: the list of indexes may be incomplete: "
            + dev.sociscope.core.format.TerminalText.escape(why));
      }
    }
  }

  static ObjectNode indexJson(Discovery.PlatformIndexes p, FoundIndex f) {
    ObjectNode o = Json.object();
    o.put("digest", f.descriptor().digest().toString());
    o.put("size", f.descriptor().size());
    o.put("version", f.version().name().toLowerCase(java.util.Locale.ROOT));
    o.put("artifactType", f.version().artifactType());
    o.put("platform", p.manifest().platformText());
    o.put("imageManifest", p.manifest().manifest().digest().toString());
    o.put("foundVia", f.via().name().toLowerCase(java.util.Locale.ROOT));
    if (f.usable()) {
      o.put("buildTool", f.index().buildToolIdentifier());
      o.put("ztocs", f.index().ztocs().size());
    } else {
      o.put("problem", f.problem());
    }
    return o;
  }

  /** {@code sociscope index info REF|REPO@INDEX_DIGEST|INDEX_DIGEST}. */
  @Command(name = "info", mixinStandardHelpOptions = true,
      description = {"Show SOCI index manifests and which layers they index.",
          "REF: every index of the image; REPO@sha256:... (or oci:DIR@sha256:...) naming an index manifest: that"
              + " index; a bare sha256:... digest: an index in the local cache."})
  static final class InfoCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "REF|INDEX_DIGEST",
        description = "Image, image@sha256:... of one index, or sha256:... of an index in the local cache.")
    String target;
    @Mixin RegistryFlags registry;
    @Mixin PlatformFlags platforms;
    @Option(names = "--json", description = "Print JSON.") boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      SociService soci = registry.service(target);
      if (target.startsWith("sha256:")) {
        OciDocument doc = soci.cache().store().manifest(Digest.parse(target).toString());
        SociIndex.from(doc); // must be a SOCI index
        out.println(json ? Json.write(Json.MAPPER.readTree(doc.bytes())) : pretty(doc));
        return 0;
      }
      OpenedImage loc = soci.open(target);
      OciDocument doc = loc.store().manifest(loc.reference());
      if (doc.isManifest()
          && dev.sociscope.core.soci.SociVersion.fromArtifactType(doc.manifest().config().mediaType()) != null) {
        out.println(json ? Json.write(Json.MAPPER.readTree(doc.bytes())) : pretty(doc));
        return 0;
      }
      Discovery d = soci.discover(target, platforms.selection(true));
      SociDiscoverer discoverer = new SociDiscoverer(loc.store());
      ArrayNode arr = Json.array();
      for (Discovery.PlatformIndexes p : d.platforms()) {
        for (FoundIndex f : p.indexes()) {
          ObjectNode o = indexJson(p, f);
          if (!json) {
            out.println("SOCI index " + f.descriptor().digest() + " (" + f.version().name().toLowerCase(
                java.util.Locale.ROOT) + ", " + dev.sociscope.core.format.TerminalText.escape(p.manifest().platformText()) + ", via " + f.via().label() + ")");
          }
          if (!f.usable()) {
            if (!json) {
              out.println("  unreadable: " + dev.sociscope.core.format.TerminalText.escape(f.problem()));
            }
            arr.add(o);
            continue;
          }
          OciDocument indexDoc = loc.store().manifest(f.descriptor().digest().toString());
          List<LayerStatus> layers = discoverer.layers(p.manifest(), f.index(), true);
          if (json) {
            o.set("manifest", Json.MAPPER.readTree(indexDoc.bytes()));
            ArrayNode ls = o.putArray("layers");
            for (LayerStatus l : layers) {
              ObjectNode lo = ls.addObject();
              lo.put("layer", l.layer().digest().toString());
              lo.put("mediaType", l.layer().mediaType());
              lo.put("size", l.layer().size());
              lo.put("state", l.state().name().toLowerCase(java.util.Locale.ROOT));
              if (l.ztoc() != null) {
                lo.put("ztoc", l.ztoc().ztocDigest().toString());
                lo.put("spans", l.spans());
                lo.put("files", l.files());
              }
              lo.put("detail", l.detail());
            }
            arr.add(o);
          } else {
            out.println(pretty(indexDoc));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"LAYER", "SIZE", "STATE", "ZTOC", "SPANS", "FILES", "DETAIL"});
            for (LayerStatus l : layers) {
              rows.add(new String[] {l.layer().digest().toString(), Long.toString(l.layer().size()),
                  l.state().name().toLowerCase(java.util.Locale.ROOT),
                  l.ztoc() == null ? "-" : l.ztoc().ztocDigest().toString(),
                  l.spans() < 0 ? "-" : Long.toString(l.spans()), l.files() < 0 ? "-" : Long.toString(l.files()),
                  l.indexed() ? "" : l.detail()});
            }
            Table.print(out, rows);
            out.println();
          }
        }
      }
      if (json) {
        out.println(Json.write(arr));
      } else if (d.allIndexes().isEmpty()) {
        spec.commandLine().getErr().println("no SOCI index found for " + d.image());
      }
      return 0;
    }

    private static String pretty(OciDocument doc) throws java.io.IOException {
      JsonNode tree = Json.MAPPER.readTree(doc.bytes());
      return Json.write(tree);
    }
  }

  /** {@code sociscope index rm REF [INDEX_DIGEST...]}. */
  @Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true,
      description = "Remove v1 SOCI indexes of an image (all, or the given digests): unlist them from the fallback"
          + " tag, keeping other referrers, and delete the index manifests where allowed.")
  static final class RemoveCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "REF", description = "Image: registry reference or oci:DIR[:TAG].")
    String ref;
    @Parameters(index = "1..*", paramLabel = "INDEX_DIGEST", description = "Only these indexes (default: all).")
    List<String> digests = new ArrayList<>();
    @Mixin RegistryFlags registry;
    @Mixin PlatformFlags platforms;

    @Override
    public Integer call() throws Exception {
      List<Digest> wanted = new ArrayList<>();
      for (String d : digests) {
        wanted.add(Digest.parse(d));
      }
      SociService soci = registry.service(ref);
      List<IndexRemover.Removed> removed = soci.remove(ref, platforms.selection(true), wanted);
      PrintWriter out = spec.commandLine().getOut();
      for (IndexRemover.Removed r : removed) {
        out.println("removed " + r.index() + (r.manifestDeleted() ? "" : " (manifest kept)"));
        if (r.warning() != null) {
          spec.commandLine().getErr().println("warning: " + dev.sociscope.core.format.TerminalText.escape(r.warning()));
        }
      }
      if (removed.isEmpty()) {
        spec.commandLine().getErr().println("no v1 SOCI index to remove for " + ref);
      }
      return 0;
    }
  }
}
