package dev.sociscope.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.registry.RegistryClient;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery of an image with 3,000 referrers (scripted: pushing 3,000 referrers to the test registry would take
 * minutes): requests are counted. Only SOCI indexes are fetched, several at a time, and a list of digests fetches
 * none.
 */
class DiscoveryAtScaleTest {
  static final String SIGNATURE = "application/vnd.example.signature.v1+json";
  @TempDir Path tmp;
  MockWebServer server;
  final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
  final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger indexReads = new AtomicInteger();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  /** Counted down when the referrers are asked; the config's answer waits for it (5 s at most). */
  final CountDownLatch referrersAsked = new CountDownLatch(1);
  volatile boolean configWaitedInVain;
  Digest subject;
  byte[] referrers;

  @BeforeEach
  void start() throws Exception {
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
        .getBytes(StandardCharsets.UTF_8);
    blobs.put(Digest.of(config).toString(), config);
    byte[] image = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + Digest.of(config) + "\",\"size\":"
        + config.length + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    subject = Digest.of(image);
    manifests.put("v1", image);
    manifests.put(subject.toString(), image);
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
        requests.incrementAndGet();
        String path = r.getRequestUrl().encodedPath();
        if (path.equals("/v2/team/app/referrers/" + subject)) {
          referrersAsked.countDown();
          return new MockResponse().addHeader("Content-Type", MediaType.OCI_INDEX).setBody(new Buffer().write(referrers));
        }
        if (path.startsWith("/v2/team/app/blobs/") && blobs.containsKey(path.substring(19))) {
          if (!referrersAsked.await(5, TimeUnit.SECONDS)) {
            configWaitedInVain = true; // asked one after the other: the referrers only after this answer
          }
          return new MockResponse().setBody(new Buffer().write(blobs.get(path.substring(19))));
        }
        if (path.startsWith("/v2/team/app/manifests/")) {
          byte[] body = manifests.get(path.substring(23));
          if (body == null) {
            return new MockResponse().setResponseCode(404)
                .setBody("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}");
          }
          boolean index = !path.endsWith("/v1") && !path.endsWith(subject.toString());
          if (index) {
            indexReads.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            TimeUnit.MILLISECONDS.sleep(30); // time for the other reads to arrive, if they are made alongside
            inFlight.decrementAndGet();
          }
          return new MockResponse().addHeader("Content-Type", MediaType.OCI_MANIFEST)
              .setBody(new Buffer().write(body));
        }
        return new MockResponse().setResponseCode(404);
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  /** The referrers list: {@code soci} SOCI v1 index manifests (served) among {@code total} entries. */
  private void referrers(int total, int soci) {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      boolean isSoci = i % (total / soci) == 0 && entries.stream().filter(e -> e.contains("soci")).count() < soci;
      String type = isSoci ? MediaType.SOCI_INDEX_V1 : SIGNATURE;
      byte[] m = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"artifactType\":\"" + type
          + "\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:"
          + "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},\"layers\":[],"
          + "\"subject\":{\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"digest\":\"" + subject + "\",\"size\":"
          + manifests.get("v1").length + "},\"annotations\":{\"n\":\"" + i + "\"}}").getBytes(StandardCharsets.UTF_8);
      manifests.put(Digest.of(m).toString(), m);
      entries.add("{\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"digest\":\"" + Digest.of(m) + "\",\"size\":"
          + m.length + ",\"artifactType\":\"" + type + "\"}");
    }
    referrers = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"manifests\":["
        + String.join(",", entries) + "]}").getBytes(StandardCharsets.UTF_8);
  }

  private SociService service() throws java.io.IOException {
    // MockWebServer speaks plain HTTP; loopback TLS is otherwise tried first (and counted as a request)
    RegistryClient client = RegistryClient.builder().plainHttp("127.0.0.1:" + server.getPort()).build();
    return new SociService(client, new ZtocCache(tmp.resolve("cache")), 2);
  }

  private String ref() {
    return "127.0.0.1:" + server.getPort() + "/team/app:v1";
  }

  @Test
  void onlyTheSociIndexesAmong3000ReferrersAreFetchedSeveralAtATime() throws Exception {
    referrers(3000, 10);
    Discovery d = service().discover(ref(), ImageResolver.PlatformSelection.ALL);
    assertThat(d.allIndexes()).hasSize(10);
    assertThat(indexReads.get()).isEqualTo(10);
    // manifest, config, referrers API, fallback tag (asked alongside), 10 indexes
    assertThat(requests.get()).isLessThanOrEqualTo(16);
    assertThat(maxInFlight.get()).isGreaterThan(1).isLessThanOrEqualTo(SociDiscoverer.PARALLEL_READS);
  }

  @Test
  void theConfigIsReadWhileTheReferrersAreAsked() throws Exception {
    referrers(10, 1);
    Discovery d = service().discover(ref(), ImageResolver.PlatformSelection.DEFAULT);
    assertThat(d.allIndexes()).hasSize(1);
    assertThat(d.platforms().get(0).manifest().platformText()).isEqualTo("linux/amd64"); // from the config
    assertThat(configWaitedInVain).as("the config's answer waited for a referrers request that never came").isFalse();
  }

  @Test
  void listingTheDigestsOf3000IndexesFetchesNoIndexManifest() throws Exception {
    referrers(3000, 3000);
    Discovery d = service().discover(ref(), ImageResolver.PlatformSelection.ALL, false);
    assertThat(d.allIndexes()).hasSize(3000);
    assertThat(indexReads.get()).isZero();
    assertThat(requests.get()).isLessThanOrEqualTo(6);
  }
}
