package dev.sociscope.core.profile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.error.CorruptInputException;
import dev.sociscope.core.tar.TarPaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The paths a container touches at start, from what people have at hand: a plain list (one path a line, {@code #}
 * comments), upstream's JSON array ({@code --prefetch-files-json}), or an {@code strace -f -e trace=%file} log, of
 * which the successful opens, execs and stats are kept (failed calls touched nothing). Paths come out cleaned as
 * upstream cleans them ({@code /app/./x} is {@code app/x}), each once, in the order first seen.
 */
public final class StartupPaths {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Syscalls whose first string argument (after an optional dirfd) is a path the process needed. */
  private static final Set<String> KEPT = Set.of("open", "openat", "openat2", "creat", "execve", "execveat", "stat",
      "lstat", "stat64", "lstat64", "newfstatat", "fstatat64", "statx", "access", "faccessat", "faccessat2",
      "readlink", "readlinkat");
  /** {@code [pid N] } or {@code N } prefix, the call, its first quoted argument, and the result after {@code = }. */
  private static final Pattern CALL = Pattern.compile(
      "^(?:\\[pid\\s+(\\d+)\\]\\s+|(\\d+)\\s+)?(?:\\d+:\\d+:\\d+(?:\\.\\d+)?\\s+)?(\\w+)\\((.*)$");
  private static final Pattern FIRST_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern RESULT = Pattern.compile("\\)\\s+=\\s+(-?\\d+|0x[0-9a-f]+)");
  private static final Pattern RESUMED = Pattern.compile(
      "^(?:\\[pid\\s+(\\d+)\\]\\s+|(\\d+)\\s+)?(?:\\d+:\\d+:\\d+(?:\\.\\d+)?\\s+)?<\\.\\.\\. (\\w+) resumed>(.*)$");

  private StartupPaths() {}

  /** Parses {@code text} in whichever of the three forms it is. */
  public static List<String> parse(String text) throws CorruptInputException {
    String t = text.strip();
    if (t.startsWith("[")) {
      return fromJson(t);
    }
    if (looksLikeStrace(t)) {
      return fromStrace(t);
    }
    Set<String> out = new LinkedHashSet<>();
    for (String line : t.split("\\R")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        add(out, l);
      }
    }
    return List.copyOf(out);
  }

  /** The JSON array {@code --prefetch-files-json} reads: {@code ["/app/x","/etc/y"]}. */
  public static String toJson(List<String> paths) {
    List<String> rooted = new ArrayList<>();
    for (String p : paths) {
      rooted.add("/" + TarPaths.normalize(p));
    }
    try {
      return JSON.writeValueAsString(rooted);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> fromJson(String text) throws CorruptInputException {
    JsonNode array;
    try {
      array = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new CorruptInputException("the path list is not a valid JSON array: " + e.getOriginalMessage(), e);
    }
    if (array == null || !array.isArray()) {
      throw new CorruptInputException("the path list is not a JSON array of strings");
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isTextual()) {
        throw new CorruptInputException("the path list's element " + i + " is not a string");
      }
      add(out, array.get(i).asText());
    }
    return List.copyOf(out);
  }

  private static boolean looksLikeStrace(String text) {
    for (String line : text.split("\\R", 20)) {
      Matcher m = CALL.matcher(line.strip());
      if (m.matches() && (KEPT.contains(m.group(3)) || line.contains(" = "))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> fromStrace(String text) {
    Set<String> out = new LinkedHashSet<>();
    Map<String, String> unfinished = new HashMap<>(); // pid -> path of a call strace split in two lines
    for (String raw : text.split("\\R")) {
      String line = raw.strip();
      Matcher resumed = RESUMED.matcher(line);
      if (resumed.matches()) {
        String path = unfinished.remove(pid(resumed.group(1), resumed.group(2)) + " " + resumed.group(3));
        if (path != null && succeeded(resumed.group(4))) {
          add(out, path);
        }
        continue;
      }
      Matcher call = CALL.matcher(line);
      if (!call.matches() || !KEPT.contains(call.group(3))) {
        continue;
      }
      Matcher path = FIRST_STRING.matcher(call.group(4));
      if (!path.find()) {
        continue;
      }
      String p = unescape(path.group(1));
      if (call.group(4).contains("<unfinished ...>")) {
        unfinished.put(pid(call.group(1), call.group(2)) + " " + call.group(3), p);
      } else if (succeeded(call.group(4))) {
        add(out, p);
      }
    }
    return List.copyOf(out);
  }

  private static String pid(String bracketed, String plain) {
    return bracketed != null ? bracketed : plain != null ? plain : "";
  }

  private static boolean succeeded(String rest) {
    Matcher m = RESULT.matcher(rest);
    String result = null;
    while (m.find()) {
      result = m.group(1);
    }
    return result != null && !result.startsWith("-");
  }

  /** strace prints C escapes in strings; paths rarely need more than these. */
  private static String unescape(String s) {
    return s.replace("\\\"", "\"").replace("\\\\", "\\");
  }

  private static void add(Set<String> out, String path) {
    String clean = TarPaths.normalize(path);
    if (!clean.isEmpty()) {
      out.add(clean);
    }
  }
}
