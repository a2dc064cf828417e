package dev.sociscope.core.registry.auth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Token scopes ({@code repository:team/app:pull,push}, {@code registry:catalog:*}). Scopes on the same resource are
 * merged, so asking for pull and then push gives one {@code pull,push} scope.
 */
public final class Scopes {
  private Scopes() {}

  public static String pull(String repository) {
    return "repository:" + repository + ":pull";
  }

  public static String pullPush(String repository) {
    return "repository:" + repository + ":pull,push";
  }

  public static String delete(String repository) {
    return "repository:" + repository + ":delete";
  }

  public static final String CATALOG = "registry:catalog:*";

  /** Merges scopes by resource and returns them sorted, so equal needs give equal cache keys. */
  public static Set<String> normalize(Collection<String> scopes) {
    Map<String, Set<String>> byResource = new TreeMap<>();
    for (String scope : scopes) {
      int last = scope.lastIndexOf(':');
      if (last <= 0) {
        byResource.computeIfAbsent(scope, k -> new TreeSet<>());
        continue;
      }
      String resource = scope.substring(0, last);
      Set<String> actions = byResource.computeIfAbsent(resource, k -> new TreeSet<>());
      for (String action : scope.substring(last + 1).split(",")) {
        if (!action.isBlank()) {
          actions.add(action.trim());
        }
      }
    }
    Set<String> out = new LinkedHashSet<>();
    for (Map.Entry<String, Set<String>> e : byResource.entrySet()) {
      out.add(e.getValue().isEmpty() ? e.getKey() : e.getKey() + ":" + String.join(",", e.getValue()));
    }
    return out;
  }

  /** True when every action of every scope in {@code needed} is in {@code granted}. */
  public static boolean covers(Collection<String> granted, Collection<String> needed) {
    Set<String> merged = new LinkedHashSet<>(granted);
    merged.addAll(needed);
    return normalize(merged).equals(normalize(granted));
  }
}
