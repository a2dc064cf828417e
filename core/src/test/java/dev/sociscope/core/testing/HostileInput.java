package dev.sociscope.core.testing;

import dev.sociscope.core.error.SociscopeException;
import java.nio.charset.StandardCharsets;

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
    endsValidOrTyped(new byte[0], parse);
  }

  /**
   * As {@link #endsValidOrTyped(Parse)} for a parse of {@code input}: a message may quote the input, so a class name
   * counts as leaked only when the input does not hold it (the fuzzer writes such names into inputs).
   */
  public static void endsValidOrTyped(byte[] input, Parse parse) {
    try {
      parse.run();
    } catch (SociscopeException e) {
      checkMessage(e, new String(input, StandardCharsets.ISO_8859_1) + new String(input, StandardCharsets.UTF_8));
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
    checkMessage(e, "");
  }

  private static void checkMessage(SociscopeException e, String input) {
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
      String simple = c.getClass().getSimpleName();
      if ((m.contains(name) && !input.contains(name)) || (m.startsWith(simple) && !input.contains(simple))) {
        throw new AssertionError("typed error message names an exception class: " + m, e);
      }
    }
  }
}
