package dev.sociscope.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
  @TempDir Path dir;

  @Test
  void roundTripsAndNeverStoresSecrets() throws Exception {
    SettingsStore store = new SettingsStore(dir);
    Settings s = Settings.DEFAULT.withTheme("dark").withActivityVisible(true)
        .withWindow(new WindowState(10, 20, 1000, 700, false))
        .withRegistries(List.of(new SavedRegistry("local", "http://127.0.0.1:5000", SavedRegistry.AuthMode.PASSWORD,
            "alice", true)))
        .withRecentZtoc("/a.ztoc").withRecentZtoc("/b.ztoc").withRecentZtoc("/a.ztoc");
    store.save(s);
    Settings back = store.load();
    assertThat(back).isEqualTo(s);
    assertThat(back.recentZtocs()).containsExactly("/a.ztoc", "/b.ztoc");
    String json = Files.readString(store.file());
    var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("registries").get(0);
    assertThat(node.fieldNames()).toIterable()
        .containsExactlyInAnyOrder("name", "url", "auth", "username", "allowPlainHttp", "caFile", "clientCert",
            "clientKey", "proxy", "timeout");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(store.file());
    }
  }

  @Test
  void damagedOrMissingFilesGiveDefaults() throws Exception {
    SettingsStore store = new SettingsStore(dir);
    assertThat(store.load()).isEqualTo(Settings.DEFAULT);
    Files.writeString(store.file(), "{ not json");
    assertThat(store.load()).isEqualTo(Settings.DEFAULT);
  }

  @Test
  void recentListIsCapped() {
    Settings s = Settings.DEFAULT;
    for (int i = 0; i < 15; i++) {
      s = s.withRecentZtoc("/z" + i);
    }
    assertThat(s.recentZtocs()).hasSize(Settings.MAX_RECENT).first().isEqualTo("/z14");
  }

  @Test
  void credentialsInUrlsNeverReachTheFileAndOldFilesStillLoad() throws Exception {
    SettingsStore store = new SettingsStore(dir);
    // As the Connect dialog once saved them: user:password in the registry URL (and in a proxy URL).
    SavedRegistry typed = new SavedRegistry("", "https://alice:Pa55word@registry.example:5000",
        SavedRegistry.AuthMode.PASSWORD, "alice", false, "/etc/ca.pem", "/home/a/c.cert", "/home/a/c.key",
        "http://bob:Hunter2@proxy.corp:3128", "10s");
    store.save(Settings.DEFAULT.withRegistries(List.of(typed)));
    String json = Files.readString(store.file());
    assertThat(json).doesNotContain("Pa55word").doesNotContain("Hunter2").doesNotContain("alice:")
        .contains("https://registry.example:5000").contains("http://proxy.corp:3128").contains("/home/a/c.key");
    SavedRegistry back = store.load().registries().get(0);
    assertThat(back.url()).isEqualTo("https://registry.example:5000");
    assertThat(back.name()).isEqualTo("https://registry.example:5000");
    assertThat(back.clientKey()).isEqualTo("/home/a/c.key");

    // A settings file written before TLS files and proxies existed.
    Files.writeString(store.file(), "{\"registries\":[{\"name\":\"old\",\"url\":\"https://u:p@old.example\","
        + "\"auth\":\"ANONYMOUS\",\"username\":\"\",\"allowPlainHttp\":false}]}");
    SavedRegistry old = store.load().registries().get(0);
    assertThat(old.url()).isEqualTo("https://old.example");
    assertThat(old.caFile()).isEmpty();
    assertThat(old.proxy()).isEmpty();
  }
}
