package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ls-tags} and {@code ls-repos} against a registry whose pages never end (scripted: no real registry does
 * this): the listing stops at {@code --max-entries}, says so on stderr, and JSON marks it.
 */
class ListingLimitsCliTest {
  HttpServer server;
  final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    // The JDK's own HTTP server plays the registry (the app module has no MockWebServer).
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/v2/", exchange -> {
      requests.incrementAndGet();
      String query = exchange.getRequestURI().getQuery();
      int page = query != null && query.startsWith("p=") ? Integer.parseInt(query.substring(2)) : 0;
      String path = exchange.getRequestURI().getPath();
      String field = path.contains("_catalog") ? "repositories" : "tags";
      byte[] body = ("{\"" + field + "\":[\"n" + page + "a\",\"n" + page + "b\"]}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.getResponseHeaders().add("Link", "<" + path + "?p=" + (page + 1) + ">; rel=\"next\"");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void lsTagsStopsAtMaxEntriesAndSaysSo() throws Exception {
    CliTestSupport.Result r = CliTestSupport.run("ls-tags", host() + "/team/app",
        "--max-entries", "5");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines()).hasSize(5);
    assertThat(r.err().lines()).singleElement().asString().contains("cut short").contains("--max-entries");
    assertThat(requests.get()).isEqualTo(3);

    CliTestSupport.Result json = CliTestSupport.run("ls-tags", host() + "/team/app",
        "--max-entries", "3", "--json");
    JsonNode node = new ObjectMapper().readTree(json.out());
    assertThat(node.get("complete").asBoolean()).isFalse();
    assertThat(node.get("names")).hasSize(3);
    assertThat(node.get("cutShort").asText()).contains("3 entries");
  }

  @Test
  void lsReposWithTheDefaultLimitEnds() {
    CliTestSupport.Result r = CliTestSupport.run("ls-repos", host());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines()).hasSize(2000); // 1,000 pages of 2: the page limit
    assertThat(r.err()).contains("1000 pages");
  }
}
