package dev.sociscope.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every key the GUI uses exists in messages.properties, and every key there is used. */
class MessagesConsistencyTest {
  private static final Pattern JAVA_KEY = Pattern.compile("\"([a-z]+(?:\\.[a-zA-Z]+)+)\"");
  private static final Pattern FXML_KEY = Pattern.compile("\"%([a-zA-Z.]+)\"");

  @Test
  void keysUsedAndDefinedAgree() throws IOException {
    Set<String> defined = Messages.bundle().keySet();
    Set<String> usedInFxml = new HashSet<>();
    Set<String> javaLiterals = new HashSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java")
          || f.toString().endsWith(".fxml"))::iterator) {
        String text = Files.readString(p);
        if (p.toString().endsWith(".fxml")) {
          collect(FXML_KEY, text, usedInFxml);
        } else if (p.toString().endsWith(".java")) {
          collect(JAVA_KEY, text, javaLiterals);
        }
      }
    }
    assertThat(defined).as("FXML keys").containsAll(usedInFxml);
    Set<String> usedInJava = new HashSet<>();
    for (String literal : javaLiterals) {
      if (defined.contains(literal)) {
        usedInJava.add(literal);
      }
    }
    Set<String> unused = new HashSet<>(defined);
    unused.removeAll(usedInFxml);
    unused.removeAll(usedInJava);
    // Keys built at run time from a prefix ("activity.status." + status name).
    unused.removeIf(k -> k.startsWith("activity.status."));
    assertThat(unused).as("keys defined but never used").isEmpty();
    for (String literal : javaLiterals) {
      boolean looksLikeKey = Stream.of("menu.", "preview.", "spans.", "tree.", "details.", "error.", "task.",
          "dialog.", "sources.", "header.", "status.", "welcome.", "about.", "activity.", "open.", "app.")
          .anyMatch(literal::startsWith);
      if (looksLikeKey && !literal.endsWith(".")) {
        assertThat(defined).as("key used in Java").contains(literal);
      }
    }
  }

  private static void collect(Pattern p, String text, Set<String> out) {
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
  }
}
