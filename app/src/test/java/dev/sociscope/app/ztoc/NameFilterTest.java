package dev.sociscope.app.ztoc;

import dev.sociscope.app.model.FileTree;
import dev.sociscope.app.model.FileNode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.testing.SyntheticZtoc;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.Ztoc;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameFilterTest {
  private final FileTree tree = FileTree.build(SyntheticZtoc.of(List.of(
      SyntheticZtoc.entry("etc/passwd", EntryType.REG, 512, 10),
      SyntheticZtoc.entry("etc/ssl/certs/ca.pem", EntryType.REG, 1536, 10),
      SyntheticZtoc.entry("usr/lib/libc.so", EntryType.REG, 2560, 10),
      SyntheticZtoc.entry("usr/share/doc/README.txt", EntryType.REG, 3584, 10)), 8192, 4096), null);

  private List<String> matches(String filter) {
    NameFilter f = NameFilter.parse(filter);
    return tree.nodes().stream().filter(f::matches).map(FileNode::path).sorted().toList();
  }

  @Test
  void plainTextMatchesAnywhereInTheNameIgnoringCase() {
    assertThat(matches("READ")).containsExactly("usr/share/doc/README.txt");
    assertThat(matches("ss")).containsExactly("etc/passwd", "etc/ssl");
  }

  @Test
  void globsMatchNamesOrWholePaths() {
    assertThat(matches("*.pem")).containsExactly("etc/ssl/certs/ca.pem");
    assertThat(matches("lib?.so")).containsExactly("usr/lib/libc.so");
    assertThat(matches("/usr/*")).containsExactly("usr/lib", "usr/share");
    assertThat(matches("/usr/**/*.txt")).containsExactly("usr/share/doc/README.txt");
  }

  @Test
  void resultKeepsAncestorsVisible() {
    NameFilter.Result r = NameFilter.parse("*.pem").apply(tree, () -> false);
    assertThat(r.matchCount()).isEqualTo(1);
    assertThat(r.visible()).extracting(FileNode::path)
        .containsExactlyInAnyOrder("", "etc", "etc/ssl", "etc/ssl/certs", "etc/ssl/certs/ca.pem");
  }

  @Test
  void regexCharactersInTheFilterAreLiteral() {
    Ztoc z = SyntheticZtoc.of(List.of(SyntheticZtoc.entry("a+b(1).txt", EntryType.REG, 512, 1)), 2048, 1024);
    FileTree t = FileTree.build(z, null);
    assertThat(NameFilter.parse("a+b(*").matches(t.nodes().get(0))).isTrue();
  }
}
