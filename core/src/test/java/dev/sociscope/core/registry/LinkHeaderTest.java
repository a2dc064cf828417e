package dev.sociscope.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {
  @Test
  void findsNextAmongSeveralLinksAndParameters() {
    assertThat(LinkHeader.next(List.of("</v2/a/tags/list?n=2&last=b>; rel=\"next\"")))
        .contains("/v2/a/tags/list?n=2&last=b");
    assertThat(LinkHeader.next(List.of("<https://x/prev>; rel=prev, <https://x/next>; type=\"a;b,c\"; rel=\"next\"")))
        .contains("https://x/next");
    assertThat(LinkHeader.next(List.of("<u1>; rel=\"first\"", "<u2>; REL=\"Next Last\""))).contains("u2");
    assertThat(LinkHeader.next(List.of("<u1>; rel=\"prev\"<u2>; rel=next"))).contains("u2");
  }

  @Test
  void ignoresWhatIsNotANextLink() {
    assertThat(LinkHeader.next(List.of("<u>; rel=\"nextish\""))).isEmpty();
    assertThat(LinkHeader.next(List.of("<u>; title=\"rel=next\""))).isEmpty();
    assertThat(LinkHeader.next(List.of("rel=next", "<", "<>; rel=next", "", ";;;", "<u"))).isEmpty();
    assertThat(LinkHeader.next(List.of())).isEqualTo(Optional.empty());
  }

  @Test
  void hostileValuesEndQuickly() {
    String many = "<a>;".repeat(200_000) + "\"" + ";rel=\"".repeat(100_000);
    long start = System.nanoTime();
    assertThat(LinkHeader.next(List.of(many))).isEmpty();
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
  }
}
