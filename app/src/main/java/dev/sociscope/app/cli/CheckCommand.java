package dev.sociscope.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.health.Check;
import dev.sociscope.core.health.Finding;
import dev.sociscope.core.health.HealthChecker;
import dev.sociscope.core.health.HealthReport;
import dev.sociscope.core.health.JUnitReport;
import dev.sociscope.core.io.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sociscope check REF}: why an image does (not) lazy-load, as findings with fixes; CI-friendly exit code. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Check an image's SOCI indexes the way the runtime would use them: is there a usable index, is it"
        + " the version the runtime reads, are the zTOCs there and right (a few spans of each indexed layer are"
        + " fetched and verified), are fallback tags clean.",
        "Prints each finding with its severity, check id, subject, message and fix. Exit code 0 when no finding"
            + " reaches --fail-on, 1 otherwise (2: bad usage). Check ids are listed in the README."},
    footerHeading = "%nExamples:%n",
    footer = {"  sociscope check 127.0.0.1:5000/app:1",
        "  sociscope check --all-platforms --fail-on warning --junit soci-check.xml 127.0.0.1:5000/app:1"})
final class CheckCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "REF", description = "Image: registry reference or oci:DIR[:TAG].")
  String ref;
  @Mixin RegistryFlags registry;
  @Mixin PlatformFlags platforms;
  @Option(names = "--json", description = "Print the report as JSON.") boolean json;
  @Option(names = "--junit", paramLabel = "FILE",
      description = "Also write the report as JUnit XML (one test case per check) for CI.")
  Path junit;
  @Option(names = "--fail-on", paramLabel = "error|warning", defaultValue = "error", converter = FailOn.class,
      description = "Severity that makes the check fail (exit 1): error (default) or warning.")
  Check.Severity failOn;
  @Option(names = "--spot-check", paramLabel = "N", defaultValue = "" + HealthChecker.DEFAULT_SPOT_CHECKS,
      description = "Spans fetched and verified per indexed layer (default: ${DEFAULT-VALUE}; 0: none).")
  int spotChecks;

  /** Parses {@code error} or {@code warning}, case-insensitively. */
  static final class FailOn implements CommandLine.ITypeConverter<Check.Severity> {
    @Override
    public Check.Severity convert(String value) {
      switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "error": return Check.Severity.ERROR;
        case "warning": return Check.Severity.WARNING;
        default: throw new CommandLine.TypeConversionException("'" + value + "' is not error or warning");
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    if (spotChecks < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--spot-check must be 0 or more");
    }
    HealthReport report = new HealthChecker(registry.service(ref)).check(ref, platforms.selection(false),
        spotChecks);
    boolean failed = report.fails(failOn);
    if (junit != null) {
      AtomicFiles.write(junit, JUnitReport.write(report, failOn));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(json(report, failOn)));
    } else {
      print(out, report);
    }
    out.flush();
    if (failed) {
      long count = report.findings().stream().filter(f -> f.severity().compareTo(failOn) >= 0).count();
      spec.commandLine().getErr().println("sociscope: check failed: " + count + " finding(s) at or above "
          + name(failOn) + " for " + report.image());
      return SociscopeCommand.EXIT_USER_ERROR;
    }
    return SociscopeCommand.EXIT_OK;
  }

  private void print(PrintWriter out, HealthReport report) {
    for (Finding f : report.findings()) {
      out.println(String.format(Locale.ROOT, "%-7s %s  %s: %s", f.severity(), f.check().id(), dev.sociscope.core.format.TerminalText.escape(f.subject()),
          dev.sociscope.core.format.TerminalText.escape(f.message())));
      if (f.fix() != null) {
        out.println("        fix: " + dev.sociscope.core.format.TerminalText.escape(f.fix()));
      }
    }
    if (!report.findings().isEmpty()) {
      out.println();
    }
    out.println(summary(report, failOn));
  }

  /** {@code IMAGE: 1 error, 2 warnings, 0 info (11 checks ran); FAIL at --fail-on error}. */
  static String summary(HealthReport report, Check.Severity failOn) {
    long errors = count(report, Check.Severity.ERROR);
    long warnings = count(report, Check.Severity.WARNING);
    long infos = count(report, Check.Severity.INFO);
    return report.image() + ": " + errors + (errors == 1 ? " error, " : " errors, ") + warnings
        + (warnings == 1 ? " warning, " : " warnings, ") + infos + " info (" + report.checks().size()
        + " checks ran); " + (report.fails(failOn) ? "FAIL" : "ok") + " at --fail-on " + name(failOn);
  }

  private static long count(HealthReport report, Check.Severity s) {
    return report.findings().stream().filter(f -> f.severity() == s).count();
  }

  static String name(Check.Severity s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  static ObjectNode json(HealthReport report, Check.Severity failOn) {
    ObjectNode o = Json.object();
    o.put("image", report.image());
    o.put("fail_on", name(failOn));
    o.put("passed", !report.fails(failOn));
    o.put("worst", report.worst().map(CheckCommand::name).orElse(null));
    ObjectNode counts = o.putObject("counts");
    for (Check.Severity s : List.of(Check.Severity.ERROR, Check.Severity.WARNING, Check.Severity.INFO)) {
      counts.put(name(s), count(report, s));
    }
    ArrayNode checks = o.putArray("checks");
    for (Check c : report.checks()) {
      ObjectNode co = checks.addObject();
      co.put("id", c.id());
      co.put("severity", name(c.severity()));
      co.put("title", c.title());
      co.put("findings", report.findingsOf(c).size());
    }
    ArrayNode findings = o.putArray("findings");
    for (Finding f : report.findings()) {
      ObjectNode fo = findings.addObject();
      fo.put("check", f.check().id());
      fo.put("severity", name(f.severity()));
      fo.put("subject", f.subject());
      fo.put("message", f.message());
      fo.put("fix", f.fix());
    }
    return o;
  }
}
