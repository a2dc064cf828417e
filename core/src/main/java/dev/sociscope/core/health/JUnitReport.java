package dev.sociscope.core.health;

import java.nio.charset.StandardCharsets;

/**
 * A health report as JUnit XML for CI systems: one test case per check that ran, failed when it has a finding at
 * or above the threshold (findings below it are printed as system-out).
 */
public final class JUnitReport {
  private JUnitReport() {}

  public static byte[] write(HealthReport report, Check.Severity failOn) {
    StringBuilder cases = new StringBuilder();
    int failures = 0;
    for (Check c : report.checks()) {
      cases.append("  <testcase classname=\"sociscope.check\" name=\"").append(xml(c.id())).append("\">\n");
      StringBuilder failing = new StringBuilder();
      StringBuilder notes = new StringBuilder();
      for (Finding f : report.findingsOf(c)) {
        String line = f.severity() + " " + f.subject() + ": " + f.message() + (f.fix() == null ? "" : " Fix: " + f.fix());
        (f.severity().compareTo(failOn) >= 0 ? failing : notes).append(line).append('\n');
      }
      if (failing.length() > 0) {
        failures++;
        cases.append("    <failure message=\"").append(xml(c.title())).append(" (not met)\">")
            .append(xml(failing.toString())).append("</failure>\n");
      }
      if (notes.length() > 0) {
        cases.append("    <system-out>").append(xml(notes.toString())).append("</system-out>\n");
      }
      cases.append("  </testcase>\n");
    }
    String doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"sociscope check "
        + xml(report.image()) + "\" tests=\"" + report.checks().size() + "\" failures=\"" + failures
        + "\" errors=\"0\" skipped=\"0\">\n" + cases + "</testsuite>\n";
    return doc.getBytes(StandardCharsets.UTF_8);
  }

  private static String xml(String s) {
    StringBuilder out = new StringBuilder();
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<': out.append("&lt;"); break;
        case '>': out.append("&gt;"); break;
        case '&': out.append("&amp;"); break;
        case '"': out.append("&quot;"); break;
        default:
          if (ch < 0x20 && ch != '\n' && ch != '\t') {
            out.append('?'); // control characters are not allowed in XML 1.0
          } else {
            out.append(ch);
          }
      }
    }
    return out.toString();
  }
}
