package dev.sociscope.app.cli;

import dev.sociscope.core.workflow.CreateListener;
import dev.sociscope.core.workflow.PushResult;
import dev.sociscope.core.workflow.SociService;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sociscope push REF}: push the v1 index built earlier by {@code create}. */
@Command(name = "push", mixinStandardHelpOptions = true,
    description = "Push the newest SOCI v1 index built by 'create' for the image (as 'soci push'): zTOCs, {} and the"
        + " index manifest, then the fallback tag (other referrers kept) unless the registry indexes the subject.")
final class PushCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "REF",
      description = "Image whose index to push: registry reference or oci:DIR[:TAG].") String ref;
  @Mixin RegistryFlags registry;
  @Mixin PlatformFlags platforms;

  @Override
  public Integer call() throws Exception {
    SociService soci = registry.service(ref);
    PrintWriter out = spec.commandLine().getOut();
    CreateListener listener = new CreateListener() {
      @Override
      public synchronized void message(String line) {
        out.println(dev.sociscope.core.format.TerminalText.escape(line));
      }
    };
    List<PushResult> pushed = soci.push(ref, platforms.selection(false), listener,
        new dev.sociscope.core.io.Cancellation());
    for (PushResult p : pushed) {
      out.println("pushed soci index " + p.index().digest() + (p.registryIndexedSubject()
          ? " (registry indexed the subject)" : p.fallbackTagUpdated() ? " (fallback tag updated)"
              : " (already listed)"));
      p.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + dev.sociscope.core.format.TerminalText.escape(w)));
    }
    return 0;
  }
}
