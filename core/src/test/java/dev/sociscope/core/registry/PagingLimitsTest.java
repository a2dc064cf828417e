package dev.sociscope.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.oci.Digest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Hostile paging: a registry whose {@code Link: rel="next"} never ends, one that points the catalog at another
 * host, and pages with more names than the listing may keep. No real registry does this, so a scripted one does.
 */
class PagingLimitsTest extends MockRegistryTest {

  /** Every page holds {@code perPage} fresh names and links to one more page, forever. */
  private void endlessPages(String field, int perPage) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        String p = r.getRequestUrl().queryParameter("p");
        int page = p == null ? 0 : Integer.parseInt(p);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < perPage; i++) {
          names.add("\"n" + page + "-" + i + "\"");
        }
        return new MockResponse().setHeader("Content-Type", "application/json")
            .setHeader("Link", "<" + r.getRequestUrl().encodedPath() + "?p=" + (page + 1) + ">; rel=\"next\"")
            .setBody("{\"" + field + "\":[" + String.join(",", names) + "]}");
      }
    });
  }

  @Test
  void endlessTagPagesStopAtThePageLimitAndSaySo() {
    endlessPages("tags", 1);
    Listing tags = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> repo.tagListing(0, ListingLimits.DEFAULT));
    assertThat(server.getRequestCount()).isEqualTo(ListingLimits.DEFAULT.maxPages());
    assertThat(tags.names()).hasSize(ListingLimits.DEFAULT.maxPages());
    assertThat(tags.complete()).isFalse();
    assertThat(tags.cutShort().orElseThrow()).contains("1000 pages");
    // The plain list stops as well (what ls-tags and the GUI's old path call).
    assertThat(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> repo.tags())).hasSize(1000);
  }

  @Test
  void endlessCatalogPagesStopAtTheEntryLimit() throws Exception {
    endlessPages("repositories", 100);
    Listing repos = client.catalogListing("127.0.0.1:" + server.getPort(), 0, new ListingLimits(1000, 250),
        Cancellation.NONE);
    assertThat(repos.names()).hasSize(250);
    assertThat(repos.cutShort().orElseThrow()).contains("250 entries");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void oneHugePageKeepsOnlyTheLimit() throws Exception {
    StringBuilder body = new StringBuilder("{\"name\":\"team/app\",\"tags\":[");
    for (int i = 0; i < 5000; i++) {
      body.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
    }
    server.enqueue(new MockResponse().setBody(body.append("]}").toString()));
    Listing tags = repo.tagListing(0, ListingLimits.DEFAULT.withMaxEntries(10));
    assertThat(tags.names()).hasSize(10);
    assertThat(tags.complete()).isFalse();
  }

  @Test
  void aCatalogLinkToAnotherHostIsNotFollowed() throws Exception {
    try (MockWebServer elsewhere = new MockWebServer()) {
      elsewhere.start(InetAddress.getByName("127.0.0.1"), 0);
      elsewhere.enqueue(new MockResponse().setBody("{\"repositories\":[\"stolen\"]}"));
      server.enqueue(new MockResponse().setBody("{\"repositories\":[\"a\",\"b\"]}")
          .setHeader("Link", "<" + elsewhere.url("/v2/_catalog?last=b") + ">; rel=\"next\""));
      Listing repos = client.catalogListing("127.0.0.1:" + server.getPort(), 0, ListingLimits.DEFAULT,
          Cancellation.NONE);
      assertThat(repos.names()).containsExactly("a", "b");
      assertThat(repos.cutShort().orElseThrow()).contains("another host").contains(":" + elsewhere.getPort());
      assertThat(elsewhere.getRequestCount()).isZero();
      // Same for a page at a time (the GUI): no cursor to the other host, and the page says why.
      server.enqueue(new MockResponse().setBody("{\"repositories\":[\"a\",\"b\"]}")
          .setHeader("Link", "<" + elsewhere.url("/v2/_catalog?last=b") + ">; rel=\"next\""));
      Page page = client.catalogPage("127.0.0.1:" + server.getPort(), 2, null, Cancellation.NONE);
      assertThat(page.next()).isEmpty();
      assertThat(page.cutShort()).isPresent();
      assertThat(elsewhere.getRequestCount()).isZero();
    }
  }

  @Test
  void aTagLinkToAnotherPortOfTheSameHostIsNotFollowed() throws Exception {
    server.enqueue(new MockResponse().setBody("{\"tags\":[\"a\"]}")
        .setHeader("Link", "<http://127.0.0.1:1/v2/team/app/tags/list?last=a>; rel=\"next\""));
    Listing tags = repo.tagListing(0, ListingLimits.DEFAULT);
    assertThat(tags.names()).containsExactly("a");
    assertThat(tags.complete()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void endlessReferrerPagesEnd() {
    Digest subject = Digest.of("s".getBytes(StandardCharsets.UTF_8));
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        if (!r.getPath().contains("/referrers/")) {
          return new MockResponse().setResponseCode(404);
        }
        String p = r.getRequestUrl().queryParameter("p");
        int page = p == null ? 0 : Integer.parseInt(p);
        return new MockResponse().setHeader("Content-Type", ReferrersListerTest.INDEX)
            .setHeader("Link", "</v2/team/app/referrers/" + subject + "?p=" + (page + 1) + ">; rel=\"next\"")
            .setBody(ReferrersListerTest.index(ReferrersListerTest.entry("r" + page, "application/x")));
      }
    });
    var found = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> repo.referrers(subject, null));
    assertThat(found).hasSize(ListingLimits.DEFAULT.maxPages());
    assertThat(server.getRequestCount()).isLessThanOrEqualTo(ListingLimits.DEFAULT.maxPages() + 1);
  }
}
