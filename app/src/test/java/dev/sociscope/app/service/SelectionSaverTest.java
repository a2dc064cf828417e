package dev.sociscope.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.app.common.Progress;
import dev.sociscope.app.testing.SyntheticZtoc;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectionSaverTest {
  @TempDir Path temp;

  @Test
  void savesFoldersWithTheirPathsAndTheVectorBytes() throws Exception {
    Path ztoc = Vectors.path("ztoc/gnutar-pax.tar.gz.span-64KiB.ztoc");
    LocalZtocService ztocs = new LocalZtocService(ZtocReader::read, temp.resolve("cache"));
    ZtocDocument doc = ztocs.open(ztoc, ztocs.findLayerFor(ztoc), Progress.NONE);
    Path out = temp.resolve("out");
    SelectionSaver.Summary s = new SelectionSaver(new LazyFileContentService())
        .save(doc, List.of(doc.tree().find("sub").orElseThrow()), out, Progress.NONE);
    // sub/text.txt is a hardlink: its content comes from the file it links to.
    assertThat(s.refused()).isEmpty();
    assertThat(s.saved()).isEqualTo(3);
    assertThat(out.resolve("sub/deeper/small.txt")).exists();
    assertThat(Files.readAllBytes(out.resolve("sub/text.txt")))
        .isEqualTo(Files.readAllBytes(saveOne(doc, "hardlink-to-text")));
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(out.resolve("sub/random.bin"))));
    assertThat(sha).isEqualTo(vectorSha("./sub/random.bin"));
    // each file gets its tar mode, not the umask's (setuid/setgid dropped)
    long recorded = doc.tree().find("sub/random.bin").orElseThrow().entry().mode() & 01777;
    assertThat((int) Files.getAttribute(out.resolve("sub/random.bin"), "unix:mode") & 07777).isEqualTo((int) recorded);
  }

  @Test
  void saveAsOntoAFifoOrASymlinkIsRefusedAndLeavesThemAsTheyWere() throws Exception {
    Path ztoc = Vectors.path("ztoc/gnutar-pax.tar.gz.span-64KiB.ztoc");
    LocalZtocService ztocs = new LocalZtocService(ZtocReader::read, temp.resolve("cache"));
    ZtocDocument doc = ztocs.open(ztoc, ztocs.findLayerFor(ztoc), Progress.NONE);
    FileNode file = doc.tree().find("sub/random.bin").orElseThrow();
    Path fifo = temp.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    assertThatThrownBy(() -> new LazyFileContentService().save(doc, file, fifo, Progress.NONE))
        .hasMessageContaining("it is a FIFO");
    assertThat((int) Files.getAttribute(fifo, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS) & 0170000)
        .isEqualTo(0010000);
    Path victim = Files.writeString(temp.resolve("victim"), "keep");
    Path link = Files.createSymbolicLink(temp.resolve("link"), victim);
    assertThatThrownBy(() -> new LazyFileContentService().save(doc, file, link, Progress.NONE))
        .hasMessageContaining("it is a symbolic link");
    assertThat(Files.readString(victim)).isEqualTo("keep");
    try (var left = Files.list(temp)) {
      assertThat(left.map(p -> p.getFileName().toString())).doesNotContain(".fifo").noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void aLinkInsideTheFolderIsNotFollowedAndARefusedNameDoesNotStopTheRest() throws Exception {
    String deep = "n".repeat(300);
    Ztoc z = SyntheticZtoc.of(List.of(
        SyntheticZtoc.entry("ok/a.txt", EntryType.REG, 512, 3),
        SyntheticZtoc.entry("link/planted.txt", EntryType.REG, 1536, 3),
        SyntheticZtoc.entry(deep + "/b.txt", EntryType.REG, 2560, 3),
        SyntheticZtoc.entry("long/" + deep, EntryType.REG, 3584, 3),
        SyntheticZtoc.entry("zz/last.txt", EntryType.REG, 4608, 3)), 8192, 4096);
    ZtocDocument doc = ZtocDocument.of("t", Optional.empty(), Optional.empty(), z, Zinfo.of(z), () -> false);
    FileContentService fake = new FileContentService() {
      @Override
      public ContentWindow read(ZtocDocument d, FileNode f, long from, int length, Progress p) {
        return new ContentWindow(from, new byte[0], 0, 0);
      }

      @Override
      public void save(ZtocDocument d, FileNode f, Path target, Progress p) throws Exception {
        Files.write(target, new byte[] {1, 2, 3});
      }
    };
    Path outside = Files.createDirectory(temp.resolve("outside"));
    Path out = Files.createDirectory(temp.resolve("out"));
    Files.createSymbolicLink(out.resolve("link"), outside);
    SelectionSaver.Summary s = new SelectionSaver(fake).save(doc, List.of(doc.tree().root()), out, Progress.NONE);
    assertThat(s.saved()).isEqualTo(2);
    assertThat(out.resolve("ok/a.txt")).exists();
    assertThat(out.resolve("zz/last.txt")).exists();
    assertThat(s.refused()).hasSize(3);
    assertThat(s.refused()).anyMatch(r -> r.startsWith("/link/planted.txt: ") && r.contains("symbolic link"));
    assertThat(s.refused()).filteredOn(r -> r.contains(deep)).hasSize(2)
        .allMatch(r -> r.endsWith(": file name too long"));
    try (var files = Files.list(outside)) {
      assertThat(files).isEmpty();
    }
  }

  private Path saveOne(ZtocDocument doc, String path) throws Exception {
    Path p = temp.resolve("one-" + path.replace('/', '_'));
    new LazyFileContentService().save(doc, doc.tree().find(path).orElseThrow(), p, Progress.NONE);
    return p;
  }

  @Test
  void pathsThatClimbOutOfTheFolderStayInsideIt() throws Exception {
    Ztoc z = SyntheticZtoc.of(List.of(
        SyntheticZtoc.entry("ok/a.txt", EntryType.REG, 512, 3),
        SyntheticZtoc.entry("../../evil.txt", EntryType.REG, 1536, 3),
        SyntheticZtoc.entry("ok/../../escape.txt", EntryType.REG, 2560, 3)), 8192, 4096);
    ZtocDocument doc = ZtocDocument.of("t", Optional.empty(), Optional.empty(), z, Zinfo.of(z), () -> false);
    List<String> written = new ArrayList<>();
    FileContentService fake = new FileContentService() {
      @Override
      public ContentWindow read(ZtocDocument d, FileNode f, long from, int length, Progress p) {
        return new ContentWindow(from, new byte[0], 0, 0);
      }

      @Override
      public void save(ZtocDocument d, FileNode f, Path target, Progress p) throws Exception {
        written.add(target.toString());
        Files.write(target, new byte[] {1, 2, 3});
      }
    };
    Path out = temp.resolve("safe");
    SelectionSaver.Summary s = new SelectionSaver(fake).save(doc, List.of(doc.tree().root()), out, Progress.NONE);
    // Tar names are cleaned as the runtime cleans them: ".." never climbs above the image root, so
    // "../../evil.txt" is the image's "evil.txt" and is written inside the chosen folder, never beside it.
    assertThat(s.saved()).isEqualTo(3);
    assertThat(s.refused()).isEmpty();
    assertThat(written).allMatch(w -> Path.of(w).normalize().startsWith(out));
    assertThat(out.resolve("evil.txt")).exists();
    assertThat(out.resolve("escape.txt")).exists();
    try (var files = Files.walk(temp)) {
      assertThat(files.filter(Files::isRegularFile)).allMatch(p -> p.startsWith(out));
    }
  }

  private static String vectorSha(String name) {
    for (var layer : Vectors.manifest().get("layers")) {
      if (layer.get("name").asText().equals("gnutar-pax.tar.gz")) {
        for (var e : layer.get("entries")) {
          if (e.get("name").asText().equals(name)) {
            return e.get("sha256").asText();
          }
        }
      }
    }
    throw new AssertionError(name);
  }
}
