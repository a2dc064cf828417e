package dev.sociscope.core.health;

import java.util.List;
import java.util.Optional;

/**
 * What {@code sociscope check} found for an image.
 *
 * @param image the image checked
 * @param checks the checks that ran (a check not run, e.g. the spot check with 0 spans, is absent)
 * @param findings every finding, in the order found
 */
public record HealthReport(String image, List<Check> checks, List<Finding> findings) {
  public HealthReport {
    checks = List.copyOf(checks);
    findings = List.copyOf(findings);
  }

  /** The most severe finding's severity, empty when nothing was found. */
  public Optional<Check.Severity> worst() {
    return findings.stream().map(Finding::severity).max(Enum::compareTo);
  }

  /** Whether a finding reaches {@code threshold} (ERROR: errors only; WARNING: warnings and errors). */
  public boolean fails(Check.Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().compareTo(threshold) >= 0);
  }

  public List<Finding> findingsOf(Check check) {
    return findings.stream().filter(f -> f.check() == check).toList();
  }
}
