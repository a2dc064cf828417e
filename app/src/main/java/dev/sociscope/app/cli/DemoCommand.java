package dev.sociscope.app.cli;

import dev.sociscope.core.workflow.DemoImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sociscope demo DIR}: write the deterministic demo layout. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Write a small demo image (3 layers, SOCI v1 index, SOCI-enabled v2 image) as an OCI layout.")
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "DIR", description = "Folder for the OCI layout (created if missing).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    DemoImage.Result r = DemoImage.write(dir);
    PrintWriter out = spec.commandLine().getOut();
    out.println(r.imageRef() + "  (SOCI v1 index " + r.v1Index() + ")");
    out.println(r.sociEnabledRef() + "  (SOCI-enabled image " + r.sociEnabledIndex() + ")");
    return 0;
  }
}
