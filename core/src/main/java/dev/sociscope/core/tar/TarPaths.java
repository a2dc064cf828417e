package dev.sociscope.core.tar;

import java.util.ArrayDeque;
import java.util.Deque;

/** Paths of files inside an image, compared the way upstream compares them. */
public final class TarPaths {
  private TarPaths() {}

  /**
   * Go's {@code strings.TrimPrefix(path.Clean("/" + p), "/")}: {@code /etc/passwd}, {@code etc/passwd},
   * {@code ./etc/passwd} and {@code etc//passwd/} are all {@code etc/passwd}. {@code ..} is resolved lexically and
   * cannot climb above the root, so the result never names anything outside the image.
   */
  public static String normalize(String path) {
    int end = path.endsWith("/") ? path.length() - 1 : path.length();
    if (isClean(path, end)) { // most names of a layer: one pass, no copy (a zTOC's thousands are cleaned on read)
      return end == path.length() ? path : path.substring(0, end);
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /** Whether {@code path[0, end)} is clean already: relative, no empty, {@code .} or {@code ..} segment. */
  private static boolean isClean(String path, int end) {
    int segment = 0;
    for (int i = 0; i <= end; i++) {
      if (i == end || path.charAt(i) == '/') {
        int len = i - segment;
        if (len == 0 || path.charAt(segment) == '.' && (len == 1 || len == 2 && path.charAt(segment + 1) == '.')) {
          return false;
        }
        segment = i + 1;
      }
    }
    return true;
  }
}
