package dev.sociscope.app.cli;

import dev.sociscope.core.format.TerminalText;
import java.io.PrintWriter;
import java.util.List;

/**
 * Left-aligned columns separated by two spaces, like upstream's tabwriter output. Every cell is escaped for the
 * terminal ({@link TerminalText}): cells hold names, tags and platforms read from outside.
 */
final class Table {
  private Table() {}

  static void print(PrintWriter out, List<String[]> table) {
    List<String[]> rows = new java.util.ArrayList<>(table.size());
    for (String[] r : table) {
      String[] escaped = new String[r.length];
      for (int i = 0; i < r.length; i++) {
        escaped[i] = TerminalText.escape(r[i]);
      }
      rows.add(escaped);
    }
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        sb.append(r[i]);
        if (i < cols - 1) {
          sb.append(" ".repeat(width[i] - r[i].length() + 2));
        }
      }
      out.println(sb.toString().stripTrailing());
    }
  }
}
