package dev.sociscope.core.workflow;

import dev.sociscope.core.layout.ZtocCache;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.ReferrersIndex;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.testing.GoldenImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry with the referrers API (answers {@code OCI-Subject} on the manifest PUT): the push leaves the fallback
 * tag alone and verifies through {@code GET /v2/<name>/referrers/<digest>}. The CNCF registry 2.8 cannot show this.
 */
class ReferrersApiPushTest {
  @TempDir Path tmp;

  @Test
  void pushWithOciSubjectDoesNotTouchTheFallbackTag() throws Exception {
    GoldenImage.writeLayout(tmp.resolve("l"), "v1");
    SociService local = new SociService(RegistryClient.builder().build(), new ZtocCache(tmp.resolve("cache")), 2);
    CreatedIndex ci = local.create("oci:" + tmp.resolve("l") + ":v1", SociService.CreateRequest.defaults()
        .withOptions(SociIndexOptions.defaults(SociVersion.V1).withMinLayerSize(0)), null, null).created().get(0);
    OciDocument index = ci.document();
    Digest subject = ci.manifest().manifest().digest();
    byte[] referrers = ReferrersIndex.empty().add(ReferrersIndex.referrerDescriptor(index)).toBytes();
    List<String> requests = new CopyOnWriteArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest r) {
          String path = r.getPath();
          requests.add(r.getMethod() + " " + path);
          if (r.getMethod().equals("HEAD") && path.contains("/blobs/")) {
            return new MockResponse().setResponseCode(200).addHeader("Content-Length", "2");
          }
          if (r.getMethod().equals("PUT") && path.equals("/v2/team/app/manifests/" + index.digest())) {
            return new MockResponse().setResponseCode(201).addHeader("Docker-Content-Digest", index.digest())
                .addHeader("OCI-Subject", subject);
          }
          if (r.getMethod().equals("GET") && path.startsWith("/v2/team/app/referrers/" + subject)) {
            return new MockResponse().setResponseCode(200).addHeader("Content-Type", MediaType.OCI_INDEX)
                .setBody(new String(referrers, StandardCharsets.UTF_8));
          }
          if (path.equals("/v2/")) {
            return new MockResponse().setResponseCode(200);
          }
          return new MockResponse().setResponseCode(404)
              .setBody("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"unknown\"}]}");
        }
      });
      server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
      SociService remote = new SociService(RegistryClient.builder().plainHttp("127.0.0.1:" + server.getPort())
          .build(), local.cache(), 2);
      OpenedImage target = remote.open("127.0.0.1:" + server.getPort() + "/team/app:v1");
      PushResult result = new SociPusher(local.cache(), null).push(ci, target.store());
      assertThat(result.registryIndexedSubject()).isTrue();
      assertThat(result.fallbackTagUpdated()).isFalse();
      assertThat(result.uploadedBlobs()).isZero();
      assertThat(requests).noneMatch(q -> q.contains("sha256-")).anyMatch(q -> q.startsWith("GET /v2/team/app/referrers/"));
    }
  }
}
