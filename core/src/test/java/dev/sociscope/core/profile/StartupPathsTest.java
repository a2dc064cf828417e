package dev.sociscope.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.error.CorruptInputException;
import org.junit.jupiter.api.Test;

class StartupPathsTest {
  @Test
  void plainListsAreCleanedDeduplicatedAndKeepTheirOrder() throws Exception {
    assertThat(StartupPaths.parse("# start-up\n/app/./bin\n\netc//hosts\n/app/bin\n  ./usr/lib/x.so  \n"))
        .containsExactly("app/bin", "etc/hosts", "usr/lib/x.so");
  }

  @Test
  void upstreamsJsonArrayReadsAndWritesBack() throws Exception {
    assertThat(StartupPaths.parse("[\"/app/bin\", \"etc/hosts\"]")).containsExactly("app/bin", "etc/hosts");
    assertThat(StartupPaths.toJson(StartupPaths.parse("/app/bin\netc/hosts"))).isEqualTo("[\"/app/bin\",\"/etc/hosts\"]");
    assertThatThrownBy(() -> StartupPaths.parse("[\"/a\", 3]")).isInstanceOf(CorruptInputException.class)
        .hasMessageContaining("element 1");
    assertThatThrownBy(() -> StartupPaths.parse("[\"/a\"")).isInstanceOf(CorruptInputException.class)
        .hasMessageContaining("not a valid JSON array");
  }

  @Test
  void straceLogsKeepSuccessfulOpensExecsAndStatsOnly() throws Exception {
    String log = String.join("\n",
        "execve(\"/usr/bin/python3\", [\"python3\", \"app.py\"], 0x7ffd /* 20 vars */) = 0",
        "access(\"/etc/ld.so.preload\", R_OK)      = -1 ENOENT (No such file or directory)",
        "openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3",
        "12345 newfstatat(AT_FDCWD, \"/usr/lib/python3.11\", {st_mode=S_IFDIR|0755, ...}, 0) = 0",
        "[pid 12346] openat(AT_FDCWD, \"/app/data.bin\", O_RDONLY <unfinished ...>",
        "[pid 12347] openat(AT_FDCWD, \"/app/missing\", O_RDONLY <unfinished ...>",
        "[pid 12346] <... openat resumed>) = 7",
        "[pid 12347] <... openat resumed>) = -1 ENOENT (No such file or directory)",
        "write(1, \"hello /not/a/path\", 17) = 17",
        "+++ exited with 0 +++");
    assertThat(StartupPaths.parse(log))
        .containsExactly("usr/bin/python3", "etc/ld.so.cache", "usr/lib/python3.11", "app/data.bin");
  }
}
