package dev.sociscope.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciJson;
import dev.sociscope.core.oci.ReferrersIndex;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.registry.RegistryException;
import dev.sociscope.core.registry.RetryPolicy;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.testing.GoldenImage;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * A registry without the referrers API whose fallback tag already lists a signature: a push must keep it whatever the
 * tag read answers. Transient 404s and 5xx on one tag read are faults a real registry shows only under load, so a
 * scripted server plays the registry here ({@code SociWorkflowRegistryIT} shows the same against the real one).
 */
class FallbackTagPushFaultTest {
  static final String SIGNATURE = "application/vnd.example.signature.v1+json";
  static final String UNKNOWN = "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}";
  static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(1));

  @TempDir Path tmp;
  MockWebServer server;
  final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
  final List<String> writes = new CopyOnWriteArrayList<>();
  final AtomicInteger tagReads = new AtomicInteger();
  /** Tag reads after the first write (the index manifest PUT): the read the tag's new list is built from. */
  final AtomicInteger tagReadsAfterWrite = new AtomicInteger();
  volatile java.util.function.IntFunction<MockResponse> faultAfterWrite = n -> null;
  volatile java.util.function.IntFunction<MockResponse> tagFault = n -> null;
  volatile boolean tagListed = true;
  volatile int tagListStatus = 200;
  CreatedIndex created;
  Digest subject;
  String tag;
  Descriptor signature;

  @BeforeEach
  void setUp() throws Exception {
    GoldenImage.writeLayout(tmp.resolve("l"), "v1");
    SociService local = new SociService(RegistryClient.builder().build(), new ZtocCache(tmp.resolve("cache")), 2);
    created = local.create("oci:" + tmp.resolve("l") + ":v1", SociService.CreateRequest.defaults()
        .withOptions(SociIndexOptions.defaults(SociVersion.V1).withMinLayerSize(0)), null, null).created().get(0);
    subject = created.manifest().manifest().digest();
    tag = ReferrersIndex.fallbackTag(subject);
    signature = Descriptor.of(MediaType.OCI_MANIFEST, Digest.of("signature".getBytes(StandardCharsets.UTF_8)), 321)
        .withArtifactType(SIGNATURE);
    byte[] existing = ReferrersIndex.empty().add(signature).toBytes();
    manifests.put(tag, existing);
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        return answer(r);
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void tearDown() throws Exception {
    server.shutdown();
  }

  private MockResponse answer(RecordedRequest r) {
    String method = r.getMethod();
    String path = r.getRequestUrl().encodedPath();
    String prefix = "/v2/team/app/";
    if (!method.equals("GET") && !method.equals("HEAD")) {
      writes.add(method + " " + path);
    }
    if (path.startsWith(prefix + "referrers/")) {
      return new MockResponse().setResponseCode(404).setBody("404 page not found\n");
    }
    if (path.startsWith(prefix + "blobs/") && method.equals("HEAD")) {
      return new MockResponse().setResponseCode(200).addHeader("Content-Length", "2");
    }
    if (path.equals(prefix + "tags/list")) {
      if (tagListStatus != 200) {
        return new MockResponse().setResponseCode(tagListStatus);
      }
      String tags = tagListed && manifests.containsKey(tag) ? "[\"v1\",\"" + tag + "\"]" : "[\"v1\"]";
      return new MockResponse().setBody("{\"name\":\"team/app\",\"tags\":" + tags + "}");
    }
    if (path.startsWith(prefix + "manifests/")) {
      String ref = path.substring((prefix + "manifests/").length());
      if (method.equals("PUT")) {
        byte[] body = r.getBody().readByteArray();
        manifests.put(ref, body);
        manifests.put(Digest.of(body).toString(), body);
        return new MockResponse().setResponseCode(201).addHeader("Docker-Content-Digest", Digest.of(body));
      }
      if (method.equals("DELETE")) {
        return new MockResponse().setResponseCode(202);
      }
      if (ref.equals(tag)) {
        MockResponse fault = writes.isEmpty() ? tagFault.apply(tagReads.incrementAndGet())
            : faultAfterWrite.apply(tagReadsAfterWrite.incrementAndGet());
        if (fault != null) {
          return fault;
        }
      }
      byte[] body = manifests.get(ref);
      if (body == null) {
        return new MockResponse().setResponseCode(404).setBody(UNKNOWN);
      }
      OciDocument doc = parse(body);
      return new MockResponse().addHeader("Content-Type", doc.mediaType())
          .addHeader("Docker-Content-Digest", doc.digest()).setBody(new Buffer().write(body));
    }
    return new MockResponse().setResponseCode(404);
  }

  private static OciDocument parse(byte[] body) {
    try {
      return OciDocument.parse(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private PushResult push() throws Exception {
    // MockWebServer speaks plain HTTP; loopback TLS is otherwise tried first (and counted as a request)
    RegistryClient client = RegistryClient.builder().plainHttp("127.0.0.1:" + server.getPort()).retry(FAST).build();
    SociService remote = new SociService(client,
        new ZtocCache(tmp.resolve("cache")), 2);
    OpenedImage target = remote.open("127.0.0.1:" + server.getPort() + "/team/app:v1");
    return new SociPusher(new ZtocCache(tmp.resolve("cache")), null).push(created, target.store());
  }

  private List<Descriptor> listedUnderTheTag() throws Exception {
    return OciJson.parseIndex(manifests.get(tag)).manifests();
  }

  @Test
  void aTransientBare404OnTheTagReadKeepsTheOtherReferrers() throws Exception {
    faultAfterWrite = n -> n == 1 ? new MockResponse().setResponseCode(404) : null;
    PushResult result = push();
    assertThat(result.fallbackTagUpdated()).isTrue();
    assertThat(listedUnderTheTag()).extracting(Descriptor::digest)
        .containsExactly(signature.digest(), created.build().digest());
  }

  @Test
  void aTransient404SayingManifestUnknownIsNotBelievedAlone() throws Exception {
    // Even a "definite" answer once is confirmed: a replica that has not caught up says MANIFEST_UNKNOWN too.
    faultAfterWrite = n -> n == 1 ? new MockResponse().setResponseCode(404).setBody(UNKNOWN) : null;
    push();
    assertThat(listedUnderTheTag()).extracting(Descriptor::digest).contains(signature.digest());
  }

  @Test
  void aTagThatIsListedButAlways404AbortsWithNothingWritten() throws Exception {
    tagFault = n -> new MockResponse().setResponseCode(404).setBody(UNKNOWN);
    assertThatThrownBy(this::push).isInstanceOf(RegistryException.class)
        .hasMessageContaining(tag).hasMessageContaining("refusing")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception"));
    assertThat(writes).isEmpty();
    assertThat(listedUnderTheTag()).extracting(Descriptor::digest).containsExactly(signature.digest());
  }

  @Test
  void bare404sThatNothingConfirmsAbortWithNothingWritten() {
    tagFault = n -> new MockResponse().setResponseCode(404);
    tagListStatus = 403; // the tag list cannot settle it
    assertThatThrownBy(this::push).isInstanceOf(RegistryException.class).hasMessageContaining("refusing");
    assertThat(writes).isEmpty();
  }

  @Test
  void aTransient503AfterTheIndexPutIsRetried() throws Exception {
    faultAfterWrite = n -> n <= 2 ? new MockResponse().setResponseCode(503) : null;
    push();
    assertThat(listedUnderTheTag()).extracting(Descriptor::digest)
        .containsExactly(signature.digest(), created.build().digest());
  }

  @Test
  void persistent5xxOnTheTagReadAbortsWithNothingWritten() {
    tagFault = n -> new MockResponse().setResponseCode(503).setBody("overloaded");
    assertThatThrownBy(this::push).isInstanceOf(SociscopeException.class).hasMessageContaining("503");
    assertThat(writes).isEmpty();
    assertThat(tagReads.get()).isEqualTo(1 + FAST.maxRetries()); // retried, then given up
  }

  @Test
  void aDefinitelyMissingTagStartsAnEmptyList() throws Exception {
    manifests.remove(tag);
    PushResult result = push();
    assertThat(result.fallbackTagUpdated()).isTrue();
    assertThat(listedUnderTheTag()).extracting(Descriptor::digest).containsExactly(created.build().digest());
  }
}
