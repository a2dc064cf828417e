package dev.sociscope.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** {@link RemoteRepository#tagsPage}: one page at a time against scripted servers that page in different ways. */
class TagPagesTest extends MockRegistryTest {

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  @Test
  void followsTheServersLinkAsTheCursor() throws Exception {
    server.enqueue(json("{\"name\":\"team/app\",\"tags\":[\"a\",\"b\"]}")
        .setHeader("Link", "</v2/team/app/tags/list?n=2&cursor=opaque42>; rel=\"next\""));
    server.enqueue(json("{\"name\":\"team/app\",\"tags\":[\"c\"]}"));

    Page first = repo.tagsPage(2, null);
    assertThat(first.names()).containsExactly("a", "b");
    assertThat(first.next()).isPresent();
    assertThat(server.takeRequest().getPath()).isEqualTo("/v2/team/app/tags/list?n=2");

    Page second = repo.tagsPage(2, first.next().get());
    assertThat(second.names()).containsExactly("c");
    assertThat(second.next()).isEmpty();
    assertThat(server.takeRequest().getPath()).isEqualTo("/v2/team/app/tags/list?n=2&cursor=opaque42");
  }

  @Test
  void fullPageWithoutLinkContinuesWithLast() throws Exception {
    server.enqueue(json("{\"tags\":[\"a\",\"b\"]}"));
    server.enqueue(json("{\"tags\":[\"c\"]}"));

    Page first = repo.tagsPage(2, null);
    assertThat(first.next()).isEqualTo(Optional.of("b"));
    Page second = repo.tagsPage(2, "b");
    assertThat(second.names()).containsExactly("c");
    assertThat(second.next()).isEmpty();
    server.takeRequest();
    RecordedRequest r = server.takeRequest();
    assertThat(r.getRequestUrl().queryParameter("last")).isEqualTo("b");
    assertThat(r.getRequestUrl().queryParameter("n")).isEqualTo("2");
  }

  @Test
  void serverIgnoringNSendsEverythingAndHasNoNextPage() throws Exception {
    server.enqueue(json("{\"tags\":[\"a\",\"b\",\"c\"]}"));
    Page page = repo.tagsPage(2, null);
    assertThat(page.names()).containsExactly("a", "b", "c");
    assertThat(page.next()).isEmpty();
  }

  @Test
  void serverIgnoringLastRepeatsNothingAndStops() throws Exception {
    server.enqueue(json("{\"tags\":[\"a\",\"b\"]}"));
    Page page = repo.tagsPage(2, "b");
    assertThat(page.names()).isEmpty();
    assertThat(page.next()).isEmpty();
  }

  @Test
  void linkCursorToAnotherHostIsRefused() {
    assertThatThrownBy(() -> repo.tagsPage(2, "http://elsewhere.example:5000/v2/team/app/tags/list?last=b"))
        .isInstanceOf(RegistryException.class).hasMessageContaining("elsewhere.example");
    assertThat(server.getRequestCount()).isZero();
  }
}
