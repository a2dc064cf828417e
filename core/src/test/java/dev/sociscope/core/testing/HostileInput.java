package dev.sociscope.core.testing;

import dev.sociscope.core.error.SociscopeException;

/**
 * The contract every fuzz target checks (issue 14 item 5): whatever the input, a parser either returns a result or
 * throws a {@link SociscopeException} whose message is one readable line. Any other throwable (an index or
 * arithmetic exception, an {@code OutOfMemoryError}, a raw {@code EOFException}) is a finding: it is rethrown, so
 * Jazzer records the input that caused it.
 */
public final class HostileInput {
  /** What a fuzz target runs on one input. */
  @FunctionalInterface
  public interface Parse {
    void run() throws Exception;
  }

  private HostileInput() {}

  /** Runs {@code parse}; passes on success or a typed one-line error, fails on anything else. */
  public static void endsValidOrTyped(Parse parse) {
    try {
      parse.run();
    } catch (SociscopeException e) {
      checkMessage(e);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError("untyped checked exception: " + e, e);
    }
  }

  /**
   * A typed error's message: present, one line (no control characters at all), and not the bare name of an
   * exception class from its causes (what {@code getClass().getName()} fallbacks produce).
   */
  public static void checkMessage(SociscopeException e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      throw new AssertionError("typed error without a message", e);
    }
    for (int i = 0; i < m.length(); i++) {
      char c = m.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new AssertionError("typed error message is not one plain line: " + m, e);
      }
    }
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof SociscopeException) {
        continue;
      }
      String name = c.getClass().getName();
      if (m.contains(name) || m.startsWith(c.getClass().getSimpleName())) {
        throw new AssertionError("typed error message names an exception class: " + m, e);
      }
    }
  }
}
