package dev.sociscope.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The referrers API and the fallback tag. Discovery asks both at once, so the scripted server answers by path (the
 * order the two requests arrive in is not fixed).
 */
class ReferrersListerTest extends MockRegistryTest {
  static final String SOCI_V1 = "application/vnd.amazon.soci.index.v1+json";
  static final String INDEX = "application/vnd.oci.image.index.v1+json";
  static final Digest SUBJECT = Digest.of("subject".getBytes(StandardCharsets.UTF_8));
  static final String API = "/v2/team/app/referrers/" + SUBJECT;
  static final String TAG = "/v2/team/app/manifests/sha256-" + SUBJECT.hex();
  final Map<String, MockResponse> answers = new ConcurrentHashMap<>();
  final List<String> paths = new CopyOnWriteArrayList<>();

  static String entry(String name, String artifactType) {
    Digest d = Digest.of(name.getBytes(StandardCharsets.UTF_8));
    return "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + d + "\",\"size\":10,"
        + "\"artifactType\":\"" + artifactType + "\"}";
  }

  static String index(String... entries) {
    return "{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":[" + String.join(",", entries) + "]}";
  }

  @BeforeEach
  void answerByPath() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        String path = r.getPath();
        paths.add(path);
        MockResponse exact = answers.get(path);
        if (exact != null) {
          return exact;
        }
        MockResponse byPrefix = answers.get(r.getRequestUrl().encodedPath());
        return byPrefix != null ? byPrefix : new MockResponse().setResponseCode(404)
            .setBody("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}");
      }
    });
  }

  @Test
  void apiWithEncodedPlusLinkPagesAndClientSideFilter() throws Exception {
    String first = API + "?artifactType=application%2Fvnd.amazon.soci.index.v1%2Bjson";
    answers.put(first, new MockResponse().addHeader("Content-Type", INDEX)
        .addHeader("Link", "<" + API + "?artifactType=x&page=2>; rel=\"next\"")
        .setBody(index(entry("a", SOCI_V1), entry("b", "application/other"))));
    answers.put(API + "?artifactType=x&page=2", new MockResponse().addHeader("Content-Type", INDEX)
        .setBody(index(entry("c", SOCI_V1))));
    List<Descriptor> found = repo.referrers(SUBJECT, SOCI_V1);
    assertThat(found).extracting(Descriptor::artifactType).containsExactly(SOCI_V1, SOCI_V1);
    assertThat(paths).contains(first, API + "?artifactType=x&page=2");
  }

  @Test
  void serverSideFilterIsTrusted() throws Exception {
    answers.put(API, new MockResponse().addHeader("Content-Type", INDEX).addHeader("OCI-Filters-Applied", "artifactType")
        .setBody(index(entry("a", SOCI_V1))));
    assertThat(repo.referrers(SUBJECT, SOCI_V1)).hasSize(1);
  }

  @Test
  void missingApiFallsBackToTheDigestTag() throws Exception {
    answers.put(API, new MockResponse().setResponseCode(404)
        .setBody("{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"no\"}]}"));
    answers.put(TAG, new MockResponse().addHeader("Content-Type", INDEX)
        .setBody(index(entry("a", SOCI_V1), entry("b", "application/other"))));
    assertThat(repo.referrers(SUBJECT, SOCI_V1)).singleElement()
        .satisfies(d -> assertThat(d.digest()).isEqualTo(Digest.of("a".getBytes(StandardCharsets.UTF_8))));
    assertThat(paths).contains(TAG);
  }

  @Test
  void noApiAndNoFallbackTagMeansNoReferrers() throws Exception {
    answers.put(API, new MockResponse().setResponseCode(404));
    assertThat(repo.referrers(SUBJECT, null)).isEmpty();
  }

  @Test
  void theFallbackTagIsReadAlongsideTheApiRequestNotAfterIt() throws Exception {
    // Each answer waits 300 ms: asked one after the other the two would take 600 ms, together about 300 ms.
    answers.put(API, new MockResponse().setResponseCode(404).setHeadersDelay(300, java.util.concurrent.TimeUnit.MILLISECONDS));
    answers.put(TAG, new MockResponse().addHeader("Content-Type", INDEX).setBody(index(entry("a", SOCI_V1)))
        .setHeadersDelay(300, java.util.concurrent.TimeUnit.MILLISECONDS));
    java.util.concurrent.CountDownLatch bothAsked = new java.util.concurrent.CountDownLatch(2);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
        bothAsked.countDown();
        // The API answer is held until the tag read has arrived too: asked one after the other this never happens.
        boolean together = bothAsked.await(5, java.util.concurrent.TimeUnit.SECONDS);
        MockResponse a = answers.get(r.getRequestUrl().encodedPath());
        return together ? a : new MockResponse().setResponseCode(500);
      }
    });
    assertThat(repo.referrers(SUBJECT, null)).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void onceTheApiAnsweredTheFallbackTagIsNotReadAgain() throws Exception {
    answers.put(API, new MockResponse().addHeader("Content-Type", INDEX).setBody(index(entry("a", SOCI_V1))));
    repo.referrers(SUBJECT, null);
    // the first call's tag read, made alongside, may reach the dispatcher (which notes paths) after the call has
    // returned and after the server has recorded it (takeRequest): wait for both paths to be noted
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (paths.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(paths).hasSize(2);
    paths.clear();
    repo.referrers(SUBJECT, null);
    assertThat(paths).containsExactly(API);
  }
}
