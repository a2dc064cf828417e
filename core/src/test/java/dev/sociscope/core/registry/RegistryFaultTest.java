package dev.sociscope.core.registry;

import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.image.ImageReference;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.error.CancelledException;
import dev.sociscope.core.error.DigestMismatchException;
import dev.sociscope.core.error.UnauthorizedException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.registry.auth.CredentialProvider;
import dev.sociscope.core.registry.auth.Credentials;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** Faults a real registry rarely shows on demand: auth failures, 429, 5xx, cut connections, wrong content. */
class RegistryFaultTest extends MockRegistryTest {
  static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));
  final byte[] blob = randomBytes(200_000);
  final Digest blobDigest = Digest.of(blob);

  @Override
  RegistryClient.Builder clientBuilder() {
    return super.clientBuilder().retry(FAST);
  }

  static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(42).nextBytes(b);
    return b;
  }

  static Buffer buffer(byte[] bytes) {
    return new Buffer().write(bytes);
  }

  @Test
  void unauthorizedWithoutCredentialsNamesTheRealm() {
    server.enqueue(new MockResponse().setResponseCode(401)
        .addHeader("WWW-Authenticate", "Basic realm=\"team-realm\"")
        .setBody("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"));
    assertThatThrownBy(() -> repo.manifest("1"))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("team-realm")
        .hasMessageContaining("team/app:1")
        .satisfies(e -> assertThat(((UnauthorizedException) e).realm()).isEqualTo("team-realm"));
    assertThat(server.getRequestCount()).isEqualTo(1); // no credentials: retrying cannot help
  }

  @Test
  void tokenServerErrorsLeaveRealmSecretsOut() {
    String realm = "http://user:s3cret@127.0.0.1:" + server.getPort() + "/token?sig=SIGNATURE";
    server.enqueue(new MockResponse().setResponseCode(401)
        .addHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"reg\",scope=\"repository:team/app:pull\""));
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse().setResponseCode(500));
    }
    assertThatThrownBy(() -> repo.manifest("1"))
        .isInstanceOf(SociscopeException.class)
        .hasMessageContaining("127.0.0.1:" + server.getPort() + "/token")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("SIGNATURE"));
  }

  @Test
  void retriesAfter429HonouringRetryAfter() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(429).addHeader("Retry-After", "1"));
    server.enqueue(new MockResponse().setBody(buffer(blob)));
    long start = System.nanoTime();
    assertThat(repo.readBlob(blobDigest)).isEqualTo(blob);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(elapsedMs).isGreaterThanOrEqualTo(950); // the 1 s the server asked for, not our 10 ms backoff
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void retries503ThenSucceeds() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setResponseCode(502));
    server.enqueue(new MockResponse().setBody(buffer(blob)));
    assertThat(repo.readBlob(blobDigest)).isEqualTo(blob);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void givesUpAfterBoundedRetries() {
    for (int i = 0; i < 10; i++) {
      server.enqueue(new MockResponse().setResponseCode(503).setBody("upstream down"));
    }
    assertThatThrownBy(() -> repo.readBlob(blobDigest))
        .isInstanceOf(RegistryErrorException.class)
        .hasMessageContaining("503")
        .hasMessageContaining("upstream down");
    assertThat(server.getRequestCount()).isEqualTo(1 + FAST.maxRetries());
  }

  @Test
  void connectionCutMidBlobResumesWithRangeNotFromZero() throws Exception {
    List<String> ranges = new CopyOnWriteArrayList<>();
    server.setDispatcher(new Dispatcher() {
      int calls;

      @Override
      public synchronized MockResponse dispatch(RecordedRequest request) {
        String range = request.getHeader("Range");
        ranges.add(String.valueOf(range));
        if (calls++ == 0) {
          return new MockResponse().setBody(buffer(blob)).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
        }
        int from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
        return new MockResponse().setResponseCode(206)
            .addHeader("Content-Range", "bytes " + from + "-" + (blob.length - 1) + "/" + blob.length)
            .setBody(buffer(Arrays.copyOfRange(blob, from, blob.length)));
      }
    });
    assertThat(repo.readBlob(blobDigest)).isEqualTo(blob);
    assertThat(ranges).hasSize(2);
    assertThat(ranges.get(0)).isEqualTo("null");
    int resumedAt = Integer.parseInt(ranges.get(1).substring("bytes=".length(), ranges.get(1).indexOf('-')));
    assertThat(resumedAt).isGreaterThan(0).isLessThan(blob.length);
    assertThat(ranges.get(1)).isEqualTo("bytes=" + resumedAt + "-");
  }

  @Test
  void resumeOnServerIgnoringRangeSkipsItself() throws Exception {
    server.enqueue(new MockResponse().setBody(buffer(blob)).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    server.enqueue(new MockResponse().setBody(buffer(blob))); // 200 with the whole blob again
    assertThat(repo.readBlob(blobDigest)).isEqualTo(blob);
  }

  @Test
  void blobWithWrongContentIsRefused() {
    byte[] wrong = blob.clone();
    wrong[1000] ^= 1;
    server.enqueue(new MockResponse().setBody(buffer(wrong)));
    assertThatThrownBy(() -> repo.readBlob(blobDigest))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining(blobDigest.toString())
        .hasMessageContaining(Digest.of(wrong).toString());
  }

  @Test
  void manifestByDigestWithWrongBytesIsRefused() {
    byte[] manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Digest claimed = Digest.of("something else".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    server.enqueue(new MockResponse().setBody(buffer(manifest))
        .addHeader("Content-Type", "application/vnd.oci.image.index.v1+json"));
    assertThatThrownBy(() -> repo.manifest(claimed.toString())).isInstanceOf(DigestMismatchException.class);
    // By tag, a Docker-Content-Digest that disagrees with the body is refused as well.
    server.enqueue(new MockResponse().setBody(buffer(manifest)).addHeader("Docker-Content-Digest", claimed.toString())
        .addHeader("Content-Type", "application/vnd.oci.image.index.v1+json"));
    assertThatThrownBy(() -> repo.manifest("1")).isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void rangeReadFallsBackWhenServerIgnoresRange() throws Exception {
    server.enqueue(new MockResponse().setBody(buffer(blob)));
    assertThat(repo.readBlobRange(blobDigest, 1000, 50)).isEqualTo(Arrays.copyOfRange(blob, 1000, 1050));
    assertThat(server.takeRequest().getHeader("Range")).isEqualTo("bytes=1000-1049");
  }

  @Test
  void redirectToStorageKeepsRangeAndDropsAuthorization() throws Exception {
    try (MockWebServer storage = new MockWebServer()) {
      storage.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
      // The registry is addressed as "localhost", the storage as "127.0.0.1": a different host.
      RegistryClient authed = clientBuilder()
          .credentials(CredentialProvider.forHost("localhost:" + server.getPort(), Credentials.basic("u", "pw")))
          .build();
      RemoteRepository r = authed.repository(ImageReference.parse("localhost:" + server.getPort() + "/team/app:1"));
      HttpUrl storageUrl = storage.url("/bucket/blob?sig=abc");
      server.enqueue(new MockResponse().setResponseCode(401).addHeader("WWW-Authenticate", "Basic realm=\"r\""));
      server.enqueue(new MockResponse().setResponseCode(307).addHeader("Location", storageUrl));
      storage.enqueue(new MockResponse().setResponseCode(206)
          .addHeader("Content-Range", "bytes 10-19/" + blob.length)
          .setBody(buffer(Arrays.copyOfRange(blob, 10, 20))));
      assertThat(r.readBlobRange(blobDigest, 10, 10)).isEqualTo(Arrays.copyOfRange(blob, 10, 20));
      server.takeRequest();
      assertThat(server.takeRequest().getHeader("Authorization")).startsWith("Basic ");
      RecordedRequest atStorage = storage.takeRequest();
      assertThat(atStorage.getHeader("Authorization")).isNull();
      assertThat(atStorage.getHeader("Range")).isEqualTo("bytes=10-19");
    }
  }

  @Test
  void rangeReadsReuseTheStorageUrlAndReResolveWhenItExpires() throws Exception {
    try (MockWebServer storage = new MockWebServer()) {
      storage.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
      RemoteRepository r = client.repository(ImageReference.parse("localhost:" + server.getPort() + "/team/app:1"));
      server.enqueue(new MockResponse().setResponseCode(307).addHeader("Location", storage.url("/b?sig=1")));
      server.enqueue(new MockResponse().setResponseCode(307).addHeader("Location", storage.url("/b?sig=2")));
      storage.setDispatcher(new Dispatcher() {
        int calls;

        @Override
        public synchronized MockResponse dispatch(RecordedRequest request) {
          calls++;
          if (calls == 3) {
            return new MockResponse().setResponseCode(403).setBody("Request has expired");
          }
          String range = request.getHeader("Range");
          int from = Integer.parseInt(range.substring(6, range.indexOf('-')));
          int to = Integer.parseInt(range.substring(range.indexOf('-') + 1));
          return new MockResponse().setResponseCode(206)
              .addHeader("Content-Range", "bytes " + from + "-" + to + "/" + blob.length)
              .setBody(buffer(Arrays.copyOfRange(blob, from, to + 1)));
        }
      });
      assertThat(r.readBlobRange(blobDigest, 0, 10)).isEqualTo(Arrays.copyOfRange(blob, 0, 10));
      assertThat(r.readBlobRange(blobDigest, 100, 10)).isEqualTo(Arrays.copyOfRange(blob, 100, 110));
      assertThat(server.getRequestCount()).isEqualTo(1); // the second range went straight to storage
      assertThat(r.readBlobRange(blobDigest, 200, 10)).isEqualTo(Arrays.copyOfRange(blob, 200, 210));
      assertThat(server.getRequestCount()).isEqualTo(2); // expired URL: resolved again at the registry
      assertThat(storage.getRequestCount()).isEqualTo(4);
      storage.takeRequest();
      assertThat(storage.takeRequest().getPath()).isEqualTo("/b?sig=1");
      storage.takeRequest();
      assertThat(storage.takeRequest().getPath()).isEqualTo("/b?sig=2");
    }
  }

  @Test
  void cancelStopsABlockedTransferPromptly() throws Exception {
    server.enqueue(new MockResponse().setBody(buffer(blob)).throttleBody(1024, 1, TimeUnit.SECONDS));
    Cancellation cancel = new Cancellation();
    RemoteRepository cancellable = repo.withCancellation(cancel);
    Thread canceller = new Thread(() -> {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        return;
      }
      cancel.cancel();
    });
    long start = System.nanoTime();
    canceller.start();
    assertThatThrownBy(() -> {
      try (InputStream in = cancellable.openBlob(blobDigest)) {
        in.readAllBytes();
      }
    }).isInstanceOf(CancelledException.class);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(elapsedMs).isLessThan(3000); // the whole body would take ~200 s at this rate
  }

  @Test
  void stalledServerTimesOutReadably() {
    RegistryClient impatient = clientBuilder().retry(RetryPolicy.NONE)
        .timeouts(Duration.ofSeconds(2), Duration.ofMillis(300)).build();
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    RemoteRepository r = impatient.repository(ImageReference.parse("127.0.0.1:" + server.getPort() + "/team/app:1"));
    assertThatThrownBy(() -> r.manifest("1"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("get manifest")
        .hasMessageContaining("127.0.0.1:" + server.getPort() + " accepted the connection but sent no answer within"
            + " 300ms");
  }
}
