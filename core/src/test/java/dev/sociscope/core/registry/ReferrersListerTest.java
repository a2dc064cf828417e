package dev.sociscope.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class ReferrersListerTest extends MockRegistryTest {
  static final String SOCI_V1 = "application/vnd.amazon.soci.index.v1+json";
  static final String INDEX = "application/vnd.oci.image.index.v1+json";
  static final Digest SUBJECT = Digest.of("subject".getBytes(StandardCharsets.UTF_8));
  static String entry(String name, String artifactType) {
    Digest d = Digest.of(name.getBytes(StandardCharsets.UTF_8));
    return "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + d + "\",\"size\":10,"
        + "\"artifactType\":\"" + artifactType + "\"}";
  }

  static String index(String... entries) {
    return "{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":[" + String.join(",", entries) + "]}";
  }

  @Test
  void apiWithEncodedPlusLinkPagesAndClientSideFilter() throws Exception {
    server.enqueue(new MockResponse().addHeader("Content-Type", INDEX)
        .addHeader("Link", "</v2/team/app/referrers/" + SUBJECT + "?artifactType=x&page=2>; rel=\"next\"")
        .setBody(index(entry("a", SOCI_V1), entry("b", "application/other"))));
    server.enqueue(new MockResponse().addHeader("Content-Type", INDEX).setBody(index(entry("c", SOCI_V1))));
    List<Descriptor> found = repo.referrers(SUBJECT, SOCI_V1);
    assertThat(found).extracting(Descriptor::artifactType).containsExactly(SOCI_V1, SOCI_V1);
    RecordedRequest first = server.takeRequest();
    assertThat(first.getPath()).isEqualTo("/v2/team/app/referrers/" + SUBJECT
        + "?artifactType=application%2Fvnd.amazon.soci.index.v1%2Bjson");
    assertThat(server.takeRequest().getPath()).endsWith("page=2");
  }

  @Test
  void serverSideFilterIsTrusted() throws Exception {
    server.enqueue(new MockResponse().addHeader("Content-Type", INDEX).addHeader("OCI-Filters-Applied", "artifactType")
        .setBody(index(entry("a", SOCI_V1))));
    assertThat(repo.referrers(SUBJECT, SOCI_V1)).hasSize(1);
  }

  @Test
  void missingApiFallsBackToTheDigestTag() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(404)
        .setBody("{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"no\"}]}"));
    server.enqueue(new MockResponse().addHeader("Content-Type", INDEX)
        .setBody(index(entry("a", SOCI_V1), entry("b", "application/other"))));
    assertThat(repo.referrers(SUBJECT, SOCI_V1)).singleElement()
        .satisfies(d -> assertThat(d.digest()).isEqualTo(Digest.of("a".getBytes(StandardCharsets.UTF_8))));
    server.takeRequest();
    assertThat(server.takeRequest().getPath()).isEqualTo("/v2/team/app/manifests/sha256-" + SUBJECT.hex());
  }

  @Test
  void noApiAndNoFallbackTagMeansNoReferrers() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(404));
    server.enqueue(new MockResponse().setResponseCode(404)
        .setBody("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"));
    assertThat(repo.referrers(SUBJECT, null)).isEmpty();
  }
}
