package dev.sociscope.app.cli;

import dev.sociscope.core.format.TerminalText;
import java.io.FilterWriter;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The last guard between the CLI's text output and the terminal: control characters other than line ends and tabs
 * are written as escapes ({@link TerminalText#controlEscape}), so no value from outside can send an escape
 * sequence, whether or not its printer escaped it with {@link TerminalText#escape} (which also covers newlines).
 * JSON passes unchanged: Jackson never writes a raw control character. File contents ({@code get} to stdout) do
 * not go through here.
 */
final class TerminalWriter extends FilterWriter {
  private TerminalWriter(Writer out) {
    super(out);
  }

  static PrintWriter wrap(PrintWriter out) {
    return new PrintWriter(new TerminalWriter(out), true);
  }

  @Override
  public void write(int c) throws java.io.IOException {
    String escaped = TerminalText.controlEscape((char) c);
    if (escaped == null) {
      out.write(c);
    } else {
      out.write(escaped);
    }
  }

  @Override
  public void write(char[] cbuf, int off, int len) throws java.io.IOException {
    int start = off;
    for (int i = off; i < off + len; i++) {
      String escaped = TerminalText.controlEscape(cbuf[i]);
      if (escaped != null) {
        out.write(cbuf, start, i - start);
        out.write(escaped);
        start = i + 1;
      }
    }
    out.write(cbuf, start, off + len - start);
  }

  @Override
  public void write(String str, int off, int len) throws java.io.IOException {
    write(str.toCharArray(), off, len);
  }
}
