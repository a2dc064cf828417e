package dev.sociscope.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small Docker token server for tests (no Debian package provides one): JDK HttpServer on 127.0.0.1 that signs
 * RS256 JWTs with a self-signed certificate made by {@code keytool}, which the real registry trusts through
 * {@code auth.token.rootcertbundle}. Anonymous callers get {@code pull} only; the configured user gets every
 * action asked for. Each request is recorded.
 */
public final class TokenServer implements AutoCloseable {
  public static final String SERVICE = "sociscope-test-registry";
  public static final String ISSUER = "sociscope-test-issuer";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One token request as the server saw it. */
  public record Request(String method, List<String> scopes, String authorization) {}

  private final HttpServer server;
  private final PrivateKey key;
  private final X509Certificate certificate;
  private final Path bundle;
  private final String username;
  private final String password;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile int lifetimeSeconds = 300;

  private TokenServer(HttpServer server, PrivateKey key, X509Certificate certificate, Path bundle, String username,
      String password) {
    this.server = server;
    this.key = key;
    this.certificate = certificate;
    this.bundle = bundle;
    this.username = username;
    this.password = password;
  }

  public static TokenServer start(Path dir, String username, String password) throws Exception {
    Path keystore = dir.resolve("token.p12");
    TestImages.run("keytool", "-genkeypair", "-alias", "token", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=sociscope-test-token", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    PrivateKey key = (PrivateKey) ks.getKey("token", "changeit".toCharArray());
    X509Certificate cert = (X509Certificate) ks.getCertificate("token");
    Path bundle = dir.resolve("token.pem");
    Files.writeString(bundle, "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
        + "\n-----END CERTIFICATE-----\n");
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    TokenServer ts = new TokenServer(http, key, cert, bundle, username, password);
    http.createContext("/token", ts::handle);
    http.start();
    return ts;
  }

  public String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  public Path certificateBundle() {
    return bundle;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public void clearRequests() {
    requests.clear();
  }

  public void lifetimeSeconds(int seconds) {
    this.lifetimeSeconds = seconds;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      List<String> scopes = new ArrayList<>();
      String query = exchange.getRequestURI().getRawQuery();
      if (query != null) {
        for (String pair : query.split("&")) {
          String[] kv = pair.split("=", 2);
          if (kv.length == 2 && kv[0].equals("scope")) {
            scopes.add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
          }
        }
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      requests.add(new Request(exchange.getRequestMethod(), scopes, authorization));
      boolean authenticated = false;
      if (authorization != null) {
        String expected = "Basic " + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        if (!authorization.equals(expected)) {
          send(exchange, 401, "{\"details\":\"incorrect username or password\"}");
          return;
        }
        authenticated = true;
      }
      ArrayNode access = JSON.createArrayNode();
      for (String scope : scopes) {
        String[] parts = scope.split(":");
        if (parts.length != 3) {
          continue;
        }
        ObjectNode a = access.addObject().put("type", parts[0]).put("name", parts[1]);
        ArrayNode actions = a.putArray("actions");
        for (String action : parts[2].split(",")) {
          if (authenticated || action.equals("pull")) {
            actions.add(action);
          }
        }
      }
      long now = Instant.now().getEpochSecond();
      ObjectNode claims = JSON.createObjectNode().put("iss", ISSUER).put("sub", authenticated ? username : "")
          .put("aud", SERVICE).put("exp", now + lifetimeSeconds).put("nbf", now - 10).put("iat", now)
          .put("jti", UUID.randomUUID().toString());
      claims.set("access", access);
      ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256");
      header.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
      Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
      String signingInput = url.encodeToString(JSON.writeValueAsBytes(header)) + "."
          + url.encodeToString(JSON.writeValueAsBytes(claims));
      Signature sig = Signature.getInstance("SHA256withRSA");
      sig.initSign(key);
      sig.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      String jwt = signingInput + "." + url.encodeToString(sig.sign());
      ObjectNode body = JSON.createObjectNode().put("token", jwt).put("access_token", jwt)
          .put("expires_in", lifetimeSeconds).put("issued_at", Instant.ofEpochSecond(now).toString());
      send(exchange, 200, JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      send(exchange, 500, "{\"details\":\"" + e.getClass().getSimpleName() + "\"}");
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
