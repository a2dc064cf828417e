package dev.sociscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Layering rules, checked on the sources (ArchUnit is not among our dependencies). */
class ArchitectureTest {

  private static List<Path> javaFiles(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }

  @Test
  void coreDependsOnNoJavaFxBecauseTheCliAndOtherFrontEndsUseIt() throws IOException {
    for (Path p : javaFiles(Path.of("..", "core", "src", "main", "java"))) {
      assertThat(Files.readString(p)).as(p.toString()).doesNotContain("import javafx.");
    }
  }

  @Test
  void viewModelsHoldNoNodesSoTheyCanBeTestedWithoutAToolkit() throws IOException {
    for (Path p : javaFiles(Path.of("src", "main", "java"))) {
      if (p.getFileName().toString().endsWith("ViewModel.java")) {
        String text = Files.readString(p);
        assertThat(text).as(p.toString()).doesNotContain("import javafx.scene.control.")
            .doesNotContain("import javafx.scene.layout.").doesNotContain("import javafx.stage.");
      }
    }
  }

  @Test
  void servicesDoNotTouchViewsBecauseTheyRunOffTheFxThread() throws IOException {
    for (Path p : javaFiles(Path.of("src", "main", "java", "dev", "sociscope", "app", "service"))) {
      String text = Files.readString(p);
      assertThat(text).as(p.toString()).doesNotContain("import javafx.scene").doesNotContain("Controller");
    }
  }
}
