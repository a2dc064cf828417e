package dev.sociscope.core.registry;

import dev.sociscope.core.image.ImageReference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.image.PushedManifest;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.registry.auth.CredentialProvider;
import dev.sociscope.core.registry.auth.Credentials;
import java.nio.charset.StandardCharsets;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Protocol details the CNCF registry 2.8 does not show: Link-paged tags, OCI-Subject, HEAD refused, 405 delete. */
class RegistryProtocolTest extends MockRegistryTest {
  @Test
  void tagsFollowRelativeLinkPages() throws Exception {
    server.enqueue(new MockResponse().setBody("{\"name\":\"team/app\",\"tags\":[\"a\",\"b\"]}")
        .addHeader("Link", "</v2/team/app/tags/list?n=2&last=b>; rel=\"next\""));
    server.enqueue(new MockResponse().setBody("{\"name\":\"team/app\",\"tags\":[\"c\"]}"));
    assertThat(repo.tags(2)).containsExactly("a", "b", "c");
    assertThat(server.takeRequest().getPath()).isEqualTo("/v2/team/app/tags/list?n=2");
    assertThat(server.takeRequest().getPath()).isEqualTo("/v2/team/app/tags/list?n=2&last=b");
  }

  @Test
  void tagsWithoutLinkContinueWithLastWhenPagesAreFull() throws Exception {
    server.enqueue(new MockResponse().setBody("{\"name\":\"team/app\",\"tags\":[\"a\",\"b\"]}"));
    server.enqueue(new MockResponse().setBody("{\"name\":\"team/app\",\"tags\":null}"));
    assertThat(repo.tags(2)).containsExactly("a", "b");
    server.takeRequest();
    assertThat(server.takeRequest().getPath()).isEqualTo("/v2/team/app/tags/list?n=2&last=b");
  }

  @Test
  void manifestPutSendsItsMediaTypeAndReportsOciSubject() throws Exception {
    byte[] bytes = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:"
        + "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},\"layers\":[]}")
        .getBytes(StandardCharsets.UTF_8);
    OciDocument doc = OciDocument.parse(bytes);
    Digest subject = Digest.of("subject".getBytes(StandardCharsets.UTF_8));
    server.enqueue(new MockResponse().setResponseCode(201).addHeader("Docker-Content-Digest", doc.digest())
        .addHeader("OCI-Subject", subject));
    PushedManifest pushed = repo.putManifest(doc, null);
    assertThat(pushed.ociSubject()).contains(subject);
    RecordedRequest put = server.takeRequest();
    assertThat(put.getPath()).isEqualTo("/v2/team/app/manifests/" + doc.digest());
    assertThat(put.getHeader("Content-Type")).startsWith("application/vnd.oci.image.manifest.v1+json");
    assertThat(put.getBody().readByteArray()).isEqualTo(bytes);
  }

  @Test
  void refusedHeadFallsBackToATwoByteRangedGet() throws Exception {
    Digest d = Digest.of("x".getBytes(StandardCharsets.UTF_8));
    server.enqueue(new MockResponse().setResponseCode(405));
    server.enqueue(new MockResponse().setResponseCode(206).addHeader("Content-Range", "bytes 0-1/12345").setBody("ab"));
    assertThat(repo.blobSize(d)).isEqualTo(12345);
    server.takeRequest();
    assertThat(server.takeRequest().getHeader("Range")).isEqualTo("bytes=0-1");
  }

  @Test
  void deleteWhenDisabledSaysSo() {
    server.enqueue(new MockResponse().setResponseCode(405)
        .setBody("{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"The operation is unsupported.\"}]}"));
    assertThatThrownBy(() -> repo.deleteManifest(Digest.of(new byte[0])))
        .isInstanceOf(RegistryErrorException.class).hasMessageContaining("does not allow deletion");
  }

  @Test
  void plainHttpOnlyForLoopbackOrWhenAllowed() {
    RegistryClient client = RegistryClient.builder().plainHttp("intranet.example:5000").build();
    // The MockWebServer speaks plain HTTP: a loopback server that does not speak TLS gets plain HTTP.
    assertThat(client.baseUrl("127.0.0.1:" + server.getPort()).scheme()).isEqualTo("http");
    assertThat(client.baseUrl("intranet.example:5000").scheme()).isEqualTo("http");
    // Names that only look local are ordinary hosts: HTTPS, whatever DNS says.
    assertThat(client.baseUrl("127.0.0.1.example:" + server.getPort()).scheme()).isEqualTo("https");
    assertThat(client.baseUrl("127.example").scheme()).isEqualTo("https");
    assertThat(client.baseUrl("localhost.example.com").scheme()).isEqualTo("https");
    assertThat(client.baseUrl("registry.example.com").scheme()).isEqualTo("https");
    assertThat(client.baseUrl("registry-1.docker.io").scheme()).isEqualTo("https");
  }

  @Test
  void credentialsAreNotSentToAPlainHttpTokenRealmElsewhere() {
    server.enqueue(new MockResponse().setResponseCode(401)
        .addHeader("WWW-Authenticate", "Bearer realm=\"http://auth.example.com/token\",service=\"s\""));
    RegistryClient client = clientBuilder().credentials(CredentialProvider.forHost(
        "127.0.0.1:" + server.getPort(), Credentials.basic("u", "p"))).build();
    RemoteRepository r = client.repository(ImageReference.parse("127.0.0.1:" + server.getPort() + "/team/app:1"));
    assertThatThrownBy(() -> r.manifest("1")).isInstanceOf(RegistryException.class)
        .hasMessageContaining("plain HTTP").hasMessageContaining("auth.example.com");
  }
}
