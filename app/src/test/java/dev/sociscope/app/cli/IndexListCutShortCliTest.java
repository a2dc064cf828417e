package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code index list} when the referrers listing is cut short (scripted: a real registry does not send a next-page
 * link to another origin): the indexes found are listed, stderr says the list may be incomplete, and JSON is an
 * object marked {@code "complete": false} instead of the bare array, as {@code ls-tags} does.
 */
class IndexListCutShortCliTest {
  private static final String CONFIG = "{\"architecture\":\"amd64\",\"os\":\"linux\"}";
  private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
      + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + sha256(CONFIG)
      + "\",\"size\":" + CONFIG.length() + "},\"layers\":[]}";
  private static final String INDEX_DIGEST = "sha256:" + "b".repeat(64);

  HttpServer server;
  boolean cutShort;

  @BeforeEach
  void start() throws Exception {
    String manifestDigest = sha256(MANIFEST);
    // The JDK's own HTTP server plays the registry (the app module has no MockWebServer).
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/v2/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/v2/team/app/manifests/1") || path.equals("/v2/team/app/manifests/" + manifestDigest)) {
        send(exchange, 200, "application/vnd.oci.image.manifest.v1+json", MANIFEST);
      } else if (path.equals("/v2/team/app/blobs/" + sha256(CONFIG))) {
        send(exchange, 200, "application/octet-stream", CONFIG);
      } else if (path.equals("/v2/team/app/referrers/" + manifestDigest)) {
        if (cutShort) {
          exchange.getResponseHeaders().add("Link",
              "<http://elsewhere.invalid/v2/team/app/referrers/" + manifestDigest + "?p=2>; rel=\"next\"");
        }
        send(exchange, 200, "application/vnd.oci.image.index.v1+json", "{\"schemaVersion\":2,\"mediaType\":"
            + "\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":"
            + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + INDEX_DIGEST + "\",\"size\":500,"
            + "\"artifactType\":\"application/vnd.amazon.soci.index.v1+json\"}]}");
      } else {
        send(exchange, 404, "application/json", "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"no\"}]}");
      }
    });
    server.start();
  }

  private static String sha256(String text) {
    try {
      return "sha256:" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String image() {
    return "127.0.0.1:" + server.getAddress().getPort() + "/team/app:1";
  }

  @Test
  void aCutShortReferrersListingIsNotedOnStderr() {
    cutShort = true;
    CliTestSupport.Result r = CliTestSupport.run("index", "list", "-q", image());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines()).containsExactly(INDEX_DIGEST);
    assertThat(r.err().lines()).singleElement().asString()
        .startsWith("sociscope: the list of indexes may be incomplete: the referrers of sha256:")
        .contains("cut short after 1 entries").contains("elsewhere.invalid");
  }

  @Test
  void aCutShortReferrersListingIsMarkedInJson() throws Exception {
    cutShort = true;
    CliTestSupport.Result r = CliTestSupport.run("index", "list", "--json", image());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode node = new ObjectMapper().readTree(r.out());
    assertThat(node.get("complete").asBoolean()).isFalse();
    assertThat(node.get("indexes")).hasSize(1);
    assertThat(node.get("indexes").get(0).get("digest").asText()).isEqualTo(INDEX_DIGEST);
    assertThat(node.get("cutShort").asText()).contains("elsewhere.invalid");
  }

  @Test
  void aCompleteListingStaysABareArrayWithNoNote() throws Exception {
    CliTestSupport.Result r = CliTestSupport.run("index", "list", "--json", image());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode node = new ObjectMapper().readTree(r.out());
    assertThat(node.isArray()).isTrue();
    assertThat(node).hasSize(1);
    assertThat(r.err()).doesNotContain("incomplete");
  }
}
