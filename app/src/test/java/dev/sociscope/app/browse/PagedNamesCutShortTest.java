package dev.sociscope.app.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.registry.Page;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** A page that ends the list early (a next-page link to another host) says so under the list. */
class PagedNamesCutShortTest {
  private static final PagedNames.Words WORDS = new PagedNames.Words("registry.repositories.loading",
      "registry.repositories.empty", "registry.repositories.filtered", "registry.repositories.failed");

  @Test
  void aCutShortPageSaysWhyInTheSummary() {
    ObservableList<String> loaded = FXCollections.observableArrayList();
    PagedNames names = new PagedNames(loaded, FXCollections.observableArrayList(), new SimpleStringProperty(""), WORDS, "");
    names.add(new Page(List.of("a", "b"), Optional.empty(),
        Optional.of("did not follow a next-page link to another host (http://elsewhere.example:5000)")));
    assertThat(loaded).containsExactly("a", "b");
    assertThat(names.hasMore()).isFalse();
    assertThat(names.summaryProperty().get()).contains("2 shown").contains("another host");

    ObservableList<String> whole = FXCollections.observableArrayList();
    PagedNames complete = new PagedNames(whole, FXCollections.observableArrayList(), new SimpleStringProperty(""), WORDS, "");
    complete.add(new Page(List.of("a"), Optional.empty()));
    assertThat(complete.summaryProperty().get()).isEmpty();
  }
}
