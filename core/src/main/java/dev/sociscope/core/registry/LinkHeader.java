package dev.sociscope.core.registry;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses {@code Link} header values (RFC 8288) for the target of {@code rel="next"}: {@code <url>; rel="next"},
 * several links per value separated by commas, parameters in any order, quoted or bare values, {@code rel} holding
 * several space-separated relations. A pure function over untrusted text: one pass, no regular expressions, no
 * allocation sized by the input beyond the returned target; malformed parts are skipped.
 */
public final class LinkHeader {
  private LinkHeader() {}

  /** The target (as written, not resolved) of the first link whose relations include {@code next}. */
  public static Optional<String> next(List<String> values) {
    for (String value : values) {
      Optional<String> found = nextIn(value);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> nextIn(String v) {
    int i = 0;
    int n = v.length();
    while (i < n) {
      int open = v.indexOf('<', i);
      if (open < 0) {
        return Optional.empty();
      }
      int close = v.indexOf('>', open + 1);
      if (close < 0) {
        return Optional.empty();
      }
      String target = v.substring(open + 1, close).trim();
      // Parameters run to the next comma outside quotes.
      int p = close + 1;
      boolean isNext = false;
      while (p < n && v.charAt(p) != ',') {
        if (v.charAt(p) != ';') {
          if (v.charAt(p) == '<') {
            break; // a new link without the comma: start over there
          }
          p++;
          continue;
        }
        p++;
        int nameStart = skipSpace(v, p);
        int nameEnd = nameStart;
        while (nameEnd < n && isTokenChar(v.charAt(nameEnd))) {
          nameEnd++;
        }
        String name = v.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
        p = skipSpace(v, nameEnd);
        String paramValue = "";
        if (p < n && v.charAt(p) == '=') {
          p = skipSpace(v, p + 1);
          if (p < n && v.charAt(p) == '"') {
            StringBuilder sb = new StringBuilder();
            p++;
            while (p < n && v.charAt(p) != '"') {
              if (v.charAt(p) == '\\' && p + 1 < n) {
                p++;
              }
              sb.append(v.charAt(p));
              p++;
            }
            p = Math.min(n, p + 1);
            paramValue = sb.toString();
          } else {
            int start = p;
            while (p < n && v.charAt(p) != ';' && v.charAt(p) != ',') {
              p++;
            }
            paramValue = v.substring(start, p).trim();
          }
        }
        if (name.equals("rel") && hasRelation(paramValue, "next")) {
          isNext = true;
        }
      }
      if (isNext && !target.isEmpty()) {
        return Optional.of(target);
      }
      i = Math.max(p, close + 1);
    }
    return Optional.empty();
  }

  private static boolean hasRelation(String rels, String wanted) {
    for (String rel : rels.trim().split("\\s+")) {
      if (rel.equalsIgnoreCase(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static int skipSpace(String v, int i) {
    while (i < v.length() && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean isTokenChar(char c) {
    return c > ' ' && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0 || c == '*';
  }
}
