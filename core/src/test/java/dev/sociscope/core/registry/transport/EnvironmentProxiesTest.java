package dev.sociscope.core.registry.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.error.InvalidRequestException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTPS_PROXY/HTTP_PROXY/NO_PROXY as curl and Go read them. */
class EnvironmentProxiesTest {
  static final Map<String, String> ENV = Map.of(
      "HTTPS_PROXY", "http://alice:s%3Acret@proxy.corp:3128",
      "http_proxy", "plainproxy.corp:8080",
      "no_proxy", "internal.corp, .svc.local,10.0.0.0/8, fd00::/8,registry.other:5000, 192.168.1.7");

  static String via(EnvironmentProxies p, String url) {
    URI u = URI.create(url);
    int port = u.getPort() >= 0 ? u.getPort() : u.getScheme().equals("https") ? 443 : 80;
    return p.choose(u.getScheme(), u.getHost(), port).describe();
  }

  @Test
  void schemePicksTheVariableUpperCaseFirst() throws Exception {
    EnvironmentProxies p = EnvironmentProxies.of(ENV);
    assertThat(via(p, "https://registry.example.com/v2/")).isEqualTo("http://proxy.corp:3128 (from HTTPS_PROXY)");
    assertThat(via(p, "http://registry.example.com/v2/")).isEqualTo("http://plainproxy.corp:8080 (from http_proxy)");
    EnvironmentProxies both = EnvironmentProxies.of(Map.of("HTTPS_PROXY", "http://upper:1", "https_proxy",
        "http://lower:2"));
    assertThat(via(both, "https://r.example")).startsWith("http://upper:1");
    assertThat(via(EnvironmentProxies.of(Map.of()), "https://r.example")).isEqualTo("direct (no HTTPS_PROXY set)");
  }

  @Test
  void noProxySuffixCidrPortAndStar() throws Exception {
    EnvironmentProxies p = EnvironmentProxies.of(ENV);
    assertThat(via(p, "https://internal.corp/")).isEqualTo("direct (NO_PROXY)");
    assertThat(via(p, "https://reg.internal.corp/")).isEqualTo("direct (NO_PROXY)");
    assertThat(via(p, "https://notinternal.corp/")).startsWith("http://proxy.corp");
    assertThat(via(p, "https://a.b.svc.local/")).isEqualTo("direct (NO_PROXY)");
    assertThat(via(p, "https://svc.local/")).isEqualTo("direct (NO_PROXY)");
    assertThat(via(p, "https://10.20.30.40:5000/")).isEqualTo("direct (NO_PROXY)");
    assertThat(via(p, "https://11.0.0.1/")).startsWith("http://proxy.corp");
    assertThat(via(p, "https://[fd00::5]/")).isEqualTo("direct (NO_PROXY)");
    assertThat(via(p, "https://registry.other:5000/")).isEqualTo("direct (NO_PROXY)");
    assertThat(via(p, "https://registry.other:5001/")).startsWith("http://proxy.corp");
    assertThat(via(p, "https://192.168.1.7/")).isEqualTo("direct (NO_PROXY)");
    assertThat(via(p, "https://192.168.1.8/")).startsWith("http://proxy.corp");
    EnvironmentProxies star = EnvironmentProxies.of(Map.of("HTTPS_PROXY", "http://p:1", "NO_PROXY", "*"));
    assertThat(via(star, "https://anything.example/")).isEqualTo("direct (NO_PROXY)");
  }

  @Test
  void loopbackIsNeverProxiedButALookalikeIs() throws Exception {
    EnvironmentProxies p = EnvironmentProxies.of(ENV);
    assertThat(via(p, "https://127.0.0.1:5000/")).isEqualTo("direct (loopback)");
    assertThat(via(p, "https://localhost:5000/")).isEqualTo("direct (loopback)");
    assertThat(via(p, "https://127.0.0.1.example/")).startsWith("http://proxy.corp");
  }

  @Test
  void perRegistryOverrideWins() throws Exception {
    EnvironmentProxies p = EnvironmentProxies.of(ENV)
        .override("registry.example.com", EnvironmentProxies.DIRECT)
        .override("internal.corp", "http://special:9000");
    assertThat(via(p, "https://registry.example.com/")).isEqualTo("direct (this registry's setting)");
    assertThat(via(p, "https://internal.corp/")).isEqualTo("http://special:9000 (this registry's setting)");
    assertThat(p.select(URI.create("https://internal.corp/v2/"))).containsExactly(
        new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("special", 9000)));
    assertThat(p.select(URI.create("https://registry.example.com/v2/"))).isEqualTo(List.of(Proxy.NO_PROXY));
  }

  @Test
  void describeNeverShowsTheCredentials() throws Exception {
    assertThat(via(EnvironmentProxies.of(ENV), "https://r.example")).doesNotContain("alice").doesNotContain("cret");
  }

  @Test
  void badProxyValueIsOneLine() {
    assertThatThrownBy(() -> EnvironmentProxies.of(Map.of("HTTPS_PROXY", "https://secure.proxy:443")))
        .isInstanceOf(InvalidRequestException.class).hasMessage(
            "HTTPS_PROXY: proxy scheme https is not supported (use http:// or socks5://)");
  }
}
