package dev.sociscope.app.ztoc;

import dev.sociscope.app.model.FileTree;
import dev.sociscope.app.model.FileNode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The tree's name filter. Plain text matches anywhere in a name, case-insensitively; text with {@code *} or
 * {@code ?} is a glob over the name, or over the whole path when it contains "/".
 */
public final class NameFilter {
  private final Predicate<FileNode> matcher;

  private NameFilter(Predicate<FileNode> matcher) {
    this.matcher = matcher;
  }

  public static NameFilter parse(String text) {
    String t = text.strip();
    if (t.indexOf('*') >= 0 || t.indexOf('?') >= 0) {
      boolean onPath = t.indexOf('/') >= 0;
      String glob = onPath && t.startsWith("/") ? t.substring(1) : t;
      Pattern p = Pattern.compile(globToRegex(glob), Pattern.CASE_INSENSITIVE);
      return new NameFilter(n -> p.matcher(onPath ? n.path() : n.name()).matches());
    }
    String needle = t.toLowerCase(Locale.ROOT);
    return new NameFilter(n -> n.name().toLowerCase(Locale.ROOT).contains(needle));
  }

  public boolean matches(FileNode node) {
    return matcher.test(node);
  }

  static String globToRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        boolean doubleStar = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
        sb.append(doubleStar ? ".*" : "[^/]*");
        if (doubleStar) {
          i++;
        }
      } else if (c == '?') {
        sb.append("[^/]");
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }

  /** The matches and their ancestors, i.e. every node the filtered tree shows. */
  public record Result(Set<FileNode> visible, int matchCount) {}

  public Result apply(FileTree tree, BooleanSupplier cancelled) {
    Set<FileNode> visible = Collections.newSetFromMap(new IdentityHashMap<>());
    int matches = 0;
    int i = 0;
    for (FileNode n : tree.nodes()) {
      if ((++i & 0xFFF) == 0 && cancelled.getAsBoolean()) {
        throw new java.util.concurrent.CancellationException();
      }
      if (matches(n)) {
        matches++;
        for (FileNode a = n; a != null && visible.add(a); a = a.parent()) {
          // walk up until an ancestor is already in
        }
      }
    }
    visible.add(tree.root());
    return new Result(visible, matches);
  }
}
