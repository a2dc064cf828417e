package dev.sociscope.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoImageStoreTest {
  @TempDir Path temp;

  @Test
  void writesOnceThenReusesAndRewritesADamagedLayout() throws Exception {
    DemoImageStore store = new DemoImageStore(temp.resolve("cache").resolve("demo"));
    Path dir = store.ensure();
    assertThat(DemoImageStore.isValid(dir)).isTrue();
    Path index = dir.resolve("index.json");
    Files.setLastModifiedTime(index, FileTime.fromMillis(1_000_000L));
    store.ensure();
    assertThat(Files.getLastModifiedTime(index).toMillis()).as("reused, not rewritten").isEqualTo(1_000_000L);

    Files.writeString(index, "{not json");
    assertThat(DemoImageStore.isValid(dir)).isFalse();
    store.ensure();
    assertThat(DemoImageStore.isValid(dir)).isTrue();
    try (var list = Files.list(dir.getParent())) {
      assertThat(list.map(p -> p.getFileName().toString())).containsExactly("demo");
    }
  }
}
