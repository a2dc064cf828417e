package dev.sociscope.core.registry;

import dev.sociscope.core.image.ImageReference;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

/** A chunked upload whose connection is cut mid-chunk continues from the offset the registry reports. */
class ChunkedUploadResumeTest {
  @Test
  void cutChunkIsResumedFromTheRegistrysOffset() throws IOException {
    byte[] blob = new byte[100_000];
    new Random(7).nextBytes(blob);
    Digest digest = Digest.of(blob);
    List<String> log = new ArrayList<>();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    Dispatcher dispatcher = new Dispatcher() {
      int patches;

      @Override
      public synchronized MockResponse dispatch(RecordedRequest r) {
        String method = r.getMethod();
        String path = r.getPath();
        if (method.equals("HEAD")) {
          log.add("HEAD");
          return new MockResponse().setResponseCode(404);
        }
        if (method.equals("POST")) {
          log.add("POST");
          return new MockResponse().setResponseCode(202).addHeader("Location", "/v2/team/app/blobs/uploads/u1?_state=s0")
              .addHeader("Range", "0-0");
        }
        if (method.equals("GET") && path.startsWith("/v2/team/app/blobs/uploads/u1")) {
          log.add("GET offset " + received.size());
          return new MockResponse().setResponseCode(204).addHeader("Range", "0-" + (received.size() - 1))
              .addHeader("Location", "/v2/team/app/blobs/uploads/u1?_state=s" + received.size());
        }
        if (method.equals("PATCH")) {
          String range = r.getHeader("Content-Range");
          log.add("PATCH " + range);
          long start = Long.parseLong(range.substring(0, range.indexOf('-')));
          if (start != received.size()) {
            return new MockResponse().setResponseCode(416);
          }
          byte[] body = r.getBody().readByteArray();
          if (++patches == 2) {
            // The connection breaks after the registry stored only part of this chunk.
            received.write(body, 0, body.length / 3);
            return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
          }
          received.write(body, 0, body.length);
          return new MockResponse().setResponseCode(202).addHeader("Range", "0-" + (received.size() - 1))
              .addHeader("Location", "/v2/team/app/blobs/uploads/u1?_state=s" + received.size());
        }
        if (method.equals("PUT")) {
          log.add("PUT " + r.getRequestUrl().queryParameter("digest"));
          boolean ok = Digest.of(received.toByteArray()).toString().equals(r.getRequestUrl().queryParameter("digest"));
          return new MockResponse().setResponseCode(ok ? 201 : 400)
              .addHeader("Docker-Content-Digest", Digest.of(received.toByteArray()).toString());
        }
        return new MockResponse().setResponseCode(404);
      }
    };
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(dispatcher);
      server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
      RegistryClient client = RegistryClient.builder().plainHttp("127.0.0.1:" + server.getPort())
          .uploadChunking(10_000, 30_000)
          .retry(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(1))).build();
      RemoteRepository repo = client.repository(ImageReference.parse("127.0.0.1:" + server.getPort() + "/team/app:1"));
      repo.putBlob(digest, BlobContent.ofBytes(blob));
    }
    assertThat(received.toByteArray()).isEqualTo(blob);
    assertThat(log).containsExactly(
        "HEAD", "POST",
        "PATCH 0-29999",
        "PATCH 30000-59999", // cut after 10000 bytes arrived
        "GET offset 40000",
        "PATCH 40000-69999",
        "PATCH 70000-99999",
        "PUT " + digest);
  }

  /** A registry that accepts PATCHes but never moves the upload forward ({@code patchAnswer} for every PATCH). */
  private static List<String> stuckUpload(MockResponse patchAnswer, String offsetRange) throws IOException {
    List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    Dispatcher dispatcher = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        log.add(r.getMethod());
        switch (r.getMethod()) {
          case "HEAD":
            return new MockResponse().setResponseCode(404);
          case "POST":
            return new MockResponse().setResponseCode(202).addHeader("Location", "/v2/team/app/blobs/uploads/u1");
          case "PATCH":
            r.getBody().readByteArray();
            return patchAnswer.clone();
          case "GET":
            return new MockResponse().setResponseCode(204).addHeader("Range", offsetRange)
                .addHeader("Location", "/v2/team/app/blobs/uploads/u1");
          default:
            return new MockResponse().setResponseCode(400);
        }
      }
    };
    byte[] blob = new byte[50_000];
    new Random(3).nextBytes(blob);
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(dispatcher);
      server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
      RegistryClient client = RegistryClient.builder().uploadChunking(10_000, 20_000)
          .retry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(1))).build();
      RemoteRepository repo = client.repository(ImageReference.parse("127.0.0.1:" + server.getPort() + "/team/app:1"));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          Duration.ofSeconds(30), () -> repo.putBlob(Digest.of(blob), BlobContent.ofBytes(blob))))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("did not take any bytes past byte 0")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
    return log;
  }

  @Test
  void aRegistryThatAlwaysAnswersRange00FailsAfterBoundedAttempts() throws IOException {
    List<String> log = stuckUpload(new MockResponse().setResponseCode(202).addHeader("Range", "0-0")
        .addHeader("Location", "/v2/team/app/blobs/uploads/u1"), "0-0");
    assertThat(log.stream().filter("PATCH"::equals).count()).isEqualTo(4); // the first try and 3 retries
    assertThat(log).doesNotContain("PUT");
  }

  @Test
  void aRegistryThatAlwaysAnswers416FailsAfterBoundedAttempts() throws IOException {
    List<String> log = stuckUpload(new MockResponse().setResponseCode(416), "0-0");
    assertThat(log.stream().filter("PATCH"::equals).count()).isEqualTo(4);
    assertThat(log).doesNotContain("PUT");
  }
}
