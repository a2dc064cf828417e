package dev.sociscope.app.common;

/**
 * What went wrong in plain words ({@code summary}) plus the technical text a curious user can expand.
 *
 * @param bug true when the failure is none of the expected kinds (I/O, a refused request, bad input): a bug, whose
 *     stack trace is worth showing behind "Details"
 */
public record UserError(String summary, String details, boolean bug) {
  public UserError(String summary, String details) {
    this(summary, details, false);
  }
}
