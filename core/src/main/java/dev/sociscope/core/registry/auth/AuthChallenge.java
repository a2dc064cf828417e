package dev.sociscope.core.registry.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header, e.g.
 * {@code Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push"}.
 * Parameters follow RFC 7235: quoted values may contain commas and backslash escapes; names are case-insensitive.
 *
 * @param scheme the scheme in lower case ({@code bearer}, {@code basic})
 * @param params parameters with lower-case names
 */
public record AuthChallenge(String scheme, Map<String, String> params) {
  public AuthChallenge {
    scheme = scheme.toLowerCase(Locale.ROOT);
    params = Map.copyOf(params);
  }

  public boolean isBearer() {
    return scheme.equals("bearer");
  }

  public boolean isBasic() {
    return scheme.equals("basic");
  }

  public String realm() {
    return params.get("realm");
  }

  public String service() {
    return params.get("service");
  }

  /** The space-separated scopes of the {@code scope} parameter (empty when absent). */
  public List<String> scopes() {
    String scope = params.get("scope");
    if (scope == null || scope.isBlank()) {
      return List.of();
    }
    return Arrays.stream(scope.trim().split("\\s+")).toList();
  }

  /** The {@code error} parameter, e.g. {@code insufficient_scope}, or null. */
  public String error() {
    return params.get("error");
  }

  /** Parses every challenge in the given header values (a header may hold several, comma-separated). */
  public static List<AuthChallenge> parseAll(List<String> headerValues) {
    List<AuthChallenge> all = new ArrayList<>();
    for (String value : headerValues) {
      all.addAll(parse(value));
    }
    return all;
  }

  /** Parses one header value; malformed parts are skipped rather than guessed. */
  public static List<AuthChallenge> parse(String header) {
    List<AuthChallenge> result = new ArrayList<>();
    Parser p = new Parser(header);
    String scheme = null;
    Map<String, String> params = new LinkedHashMap<>();
    while (true) {
      p.skipSpaceAndCommas();
      if (p.atEnd()) {
        break;
      }
      String token = p.token();
      if (token.isEmpty()) {
        p.pos++; // an unexpected character: skip it
        continue;
      }
      p.skipSpace();
      if (scheme != null && p.peek() == '=' && !p.isToken68Tail()) {
        p.pos++;
        p.skipSpace();
        String value = p.peek() == '"' ? p.quoted() : p.token();
        params.put(token.toLowerCase(Locale.ROOT), value);
      } else {
        if (scheme != null) {
          result.add(new AuthChallenge(scheme, params));
        }
        scheme = token;
        params = new LinkedHashMap<>();
        if (p.peek() != ',' && !p.atEnd()) {
          int save = p.pos;
          String next = p.token();
          p.skipSpace();
          if (p.peek() == '=' && !p.isToken68Tail()) {
            p.pos = save; // first auth-param, handled by the loop
          } else {
            while (p.peek() == '=') {
              p.pos++; // token68 padding: ignore token68 credentials, they carry no parameters we use
            }
            if (next.isEmpty()) {
              p.pos = save;
            }
          }
        }
      }
    }
    if (scheme != null) {
      result.add(new AuthChallenge(scheme, params));
    }
    return result;
  }

  private static final class Parser {
    final String s;
    int pos;

    Parser(String s) {
      this.s = s == null ? "" : s;
    }

    boolean atEnd() {
      return pos >= s.length();
    }

    char peek() {
      return atEnd() ? '\0' : s.charAt(pos);
    }

    void skipSpace() {
      while (!atEnd() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
        pos++;
      }
    }

    void skipSpaceAndCommas() {
      while (!atEnd() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == ',')) {
        pos++;
      }
    }

    /** A '=' followed by more '=' or the end/comma is token68 padding, not a parameter. */
    boolean isToken68Tail() {
      int i = pos + 1;
      while (i < s.length() && s.charAt(i) == ' ') {
        i++;
      }
      return i >= s.length() || s.charAt(i) == '=' || s.charAt(i) == ',';
    }

    String token() {
      int start = pos;
      while (!atEnd() && isTokenChar(s.charAt(pos))) {
        pos++;
      }
      return s.substring(start, pos);
    }

    String quoted() {
      StringBuilder sb = new StringBuilder();
      pos++; // opening quote
      while (!atEnd()) {
        char c = s.charAt(pos++);
        if (c == '\\' && !atEnd()) {
          sb.append(s.charAt(pos++));
        } else if (c == '"') {
          return sb.toString();
        } else {
          sb.append(c);
        }
      }
      return sb.toString(); // unterminated: take what is there
    }

    static boolean isTokenChar(char c) {
      return c > ' ' && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0 || c == '/' || c == ':';
    }
  }
}
