package dev.sociscope.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.workflow.FallbackTags;
import dev.sociscope.core.workflow.IndexPruner;
import dev.sociscope.core.workflow.IndexRemover;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sociscope index prune REF}: orphaned SOCI entries of the repository's fallback tags. */
@Command(name = "prune", mixinStandardHelpOptions = true,
    description = {"Remove the SOCI entries of a repository's referrers fallback tags (sha256-<digest>) whose image"
        + " manifest or index manifest is gone: what piles up when images are deleted. Each is unlisted from its tag"
        + " and its index manifest deleted where it still exists and the registry allows it.",
        "Other referrers in those tags (signatures, SBOMs, ...) are never touched. --dry-run only lists."},
    footerHeading = "%nExamples:%n",
    footer = {"  sociscope index prune --dry-run 127.0.0.1:5000/app", "  sociscope index prune 127.0.0.1:5000/app"})
final class IndexPruneCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "REF",
      description = "Any image of the repository, or the repository itself (registry reference or oci:DIR).")
  String ref;
  @Mixin RegistryFlags registry;
  @Option(names = {"-n", "--dry-run"}, description = "List what would be removed; change nothing.") boolean dryRun;
  @Option(names = "--json", description = "Print JSON.") boolean json;

  @Override
  public Integer call() throws Exception {
    IndexPruner.Pruned p = registry.service(ref).prune(ref, dryRun);
    Map<Digest, IndexRemover.Removed> removed = p.removed().stream()
        .collect(Collectors.toMap(IndexRemover.Removed::index, Function.identity(), (x, y) -> x));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (json) {
      ObjectNode o = Json.object();
      o.put("dry_run", dryRun);
      ArrayNode arr = o.putArray("orphans");
      for (FallbackTags.Orphan orphan : p.orphans()) {
        ObjectNode e = arr.addObject();
        e.put("tag", orphan.tag());
        e.put("subject", orphan.subject().toString());
        e.put("index", orphan.entry().digest().toString());
        e.put("artifact_type", orphan.entry().artifactType());
        e.put("reason", orphan.reason());
        e.put("subject_gone", orphan.subjectGone());
        e.put("index_gone", orphan.indexGone());
        IndexRemover.Removed r = removed.get(orphan.entry().digest());
        e.put("removed", r != null && r.unlisted());
        if (r != null) {
          e.put("manifest_deleted", r.manifestDeleted());
          e.put("warning", r.warning());
        }
      }
      out.println(Json.write(o));
      return 0;
    }
    if (p.orphans().isEmpty()) {
      out.println("nothing to prune: no fallback tag lists a SOCI index whose image or index manifest is gone");
      return 0;
    }
    for (FallbackTags.Orphan orphan : p.orphans()) {
      String what = "index " + orphan.entry().digest() + " from tag " + dev.sociscope.core.format.TerminalText.escape(orphan.tag()) + ": "
          + dev.sociscope.core.format.TerminalText.escape(orphan.reason());
      if (dryRun) {
        out.println("would remove " + what);
        continue;
      }
      IndexRemover.Removed r = removed.get(orphan.entry().digest());
      if (r == null || !r.unlisted()) {
        out.println("kept " + what + " (not unlisted)");
      } else {
        out.println("removed " + what + (r.manifestDeleted() ? "" : orphan.indexGone() ? ""
            : " (index manifest kept)"));
      }
      if (r != null && r.warning() != null && !orphan.indexGone()) { // a gone manifest cannot be deleted twice
        err.println("warning: " + dev.sociscope.core.format.TerminalText.escape(r.warning()));
      }
    }
    out.println((dryRun ? "would remove " : "removed ") + (dryRun ? p.orphans().size()
        : p.removed().stream().filter(IndexRemover.Removed::unlisted).count()) + " orphaned SOCI entr"
        + (p.orphans().size() == 1 ? "y" : "ies") + (dryRun ? " (dry run: nothing changed)" : ""));
    return 0;
  }
}
