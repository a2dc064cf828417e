package dev.sociscope.core.health;

import java.util.Objects;

/**
 * One problem found.
 *
 * @param check which check found it
 * @param subject what it concerns: {@code platform linux/amd64}, {@code layer sha256:...}, {@code index sha256:...}
 * @param message one line saying what is wrong
 * @param fix what to do, usually a command; null when nothing needs doing
 */
public record Finding(Check check, String subject, String message, String fix) {
  public Finding {
    Objects.requireNonNull(check, "check == null");
    Objects.requireNonNull(subject, "subject == null");
    Objects.requireNonNull(message, "message == null");
  }

  public Check.Severity severity() {
    return check.severity();
  }
}
