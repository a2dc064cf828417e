package dev.sociscope.app.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.common.Progress;
import dev.sociscope.app.service.ContentWindow;
import dev.sociscope.app.service.FileContentService;
import dev.sociscope.app.testing.DirectTaskRunner;
import dev.sociscope.app.testing.RecordingDialogs;
import dev.sociscope.app.testing.SyntheticZtoc;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.LayerSource;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.app.ztoc.ZtocWorkspace;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The preview view model with a fake content service and a same-thread task runner: no toolkit needed. */
class PreviewViewModelTest {
  private static final byte[] PNG = png(70_000);
  private final Map<String, byte[]> contents = Map.of(
      "/a.txt", "hello\nworld\n".getBytes(StandardCharsets.UTF_8),
      "/bin", new byte[] {0, 1, 2, 3, (byte) 0xff},
      "/pic.png", PNG);
  private final List<String> reads = new ArrayList<>();

  /** PNG magic, then filler: longer than the first window, shorter than the image limit. */
  private static byte[] png(int size) {
    byte[] b = new byte[size];
    byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    System.arraycopy(magic, 0, b, 0, magic.length);
    return b;
  }
  private final List<Path> saved = new ArrayList<>();
  private final ZtocWorkspace workspace = new ZtocWorkspace();
  private boolean fail;

  private final FileContentService service = new FileContentService() {
    @Override
    public ContentWindow read(ZtocDocument d, FileNode file, long from, int length, Progress p) throws Exception {
      if (fail) {
        throw new java.io.IOException("span 3 digest mismatch");
      }
      p.update(5, 10);
      reads.add(file.displayPath() + "@" + from + "+" + length);
      byte[] all = contents.get(file.displayPath());
      int start = (int) Math.min(from, all.length);
      int end = (int) Math.min(all.length, start + (long) length);
      return new ContentWindow(start, java.util.Arrays.copyOfRange(all, start, end), all.length, 0);
    }

    @Override
    public void save(ZtocDocument d, FileNode file, Path target, Progress p) {
      saved.add(target);
    }
  };

  private final RecordingDialogs dialogs =
      new RecordingDialogs(name -> Optional.of(Path.of("/tmp/out-" + name)));

  private final PreviewViewModel vm = new PreviewViewModel(workspace, service, new DirectTaskRunner(), dialogs,
      bytes -> null);

  private ZtocDocument document(boolean withLayer) throws Exception {
    Ztoc z = SyntheticZtoc.of(List.of(
        SyntheticZtoc.entry("a.txt", EntryType.REG, 512, 12),
        SyntheticZtoc.entry("bin", EntryType.REG, 1536, 5),
        SyntheticZtoc.link("hard", EntryType.HARDLINK, "a.txt", 2560),
        SyntheticZtoc.entry("dir/", EntryType.DIR, 3072, 0),
        SyntheticZtoc.entry("pic.png", EntryType.REG, 4096, PNG.length)), 8192 + PNG.length, 4096);
    Optional<LayerSource> layer = withLayer ? Optional.of(LayerSource.local(Path.of("/l"))) : Optional.empty();
    return ZtocDocument.of("t", Optional.empty(), layer, z, Zinfo.of(z), () -> false);
  }

  private void focus(String path) {
    workspace.focusedProperty().set(workspace.document().tree().find(path).orElseThrow());
  }

  @Test
  void textFilesShowAsLinesWithTheFetchedCounter() throws Exception {
    workspace.documentProperty().set(document(true));
    focus("a.txt");
    assertThat(vm.stateProperty().get()).isEqualTo(PreviewViewModel.State.TEXT);
    assertThat(vm.lines()).containsExactly("hello", "world");
    assertThat(vm.infoProperty().get()).startsWith("UTF-8 text");
    assertThat(vm.fetchedProperty().get()).isEqualTo("Fetched 5 B of 10 B");
    assertThat(vm.canSaveProperty().get()).isTrue();
  }

  @Test
  void binaryShowsHexAndLinksShowTheirTarget() throws Exception {
    workspace.documentProperty().set(document(true));
    focus("bin");
    assertThat(vm.stateProperty().get()).isEqualTo(PreviewViewModel.State.HEX);
    assertThat(vm.lines().get(0)).startsWith("00000000  00 01 02 03 ff");
    focus("hard");
    assertThat(vm.stateProperty().get()).isEqualTo(PreviewViewModel.State.TEXT);
    assertThat(vm.infoProperty().get()).endsWith("content of /a.txt");
  }

  @Test
  void foldersAndMissingLayersSayWhatToDo() throws Exception {
    workspace.documentProperty().set(document(false));
    focus("a.txt");
    assertThat(vm.stateProperty().get()).isEqualTo(PreviewViewModel.State.NO_LAYER);
    assertThat(vm.messageProperty().get()).contains("Attach the layer file");
    assertThat(vm.canSaveProperty().get()).isFalse();
    focus("dir");
    assertThat(vm.stateProperty().get()).isEqualTo(PreviewViewModel.State.NOT_A_FILE);
  }

  @Test
  void failuresShowTheReasonAndSaveGoesThroughTheDialog() throws Exception {
    workspace.documentProperty().set(document(true));
    fail = true;
    focus("a.txt");
    assertThat(vm.stateProperty().get()).isEqualTo(PreviewViewModel.State.FAILED);
    assertThat(vm.messageProperty().get()).isEqualTo("Reading or writing failed: span 3 digest mismatch");
    vm.saveAs();
    assertThat(saved).containsExactly(Path.of("/tmp/out-a.txt"));
    assertThat(vm.infoProperty().get()).isEqualTo("Saved to /tmp/out-a.txt");
    assertThat(dialogs.errors()).isEmpty();
  }

  @Test
  void aSmallImageIsReadWholeFromWhereTheFirstWindowEndedAndShownAsAPicture() throws Exception {
    Object picture = new Object();
    PreviewViewModel images = new PreviewViewModel(workspace, service, new DirectTaskRunner(), dialogs,
        bytes -> java.util.Arrays.equals(bytes, PNG) ? picture : null);
    workspace.documentProperty().set(document(true));
    focus("pic.png");
    assertThat(images.stateProperty().get()).isEqualTo(PreviewViewModel.State.IMAGE);
    assertThat(images.imageProperty().get()).isSameAs(picture);
    int first = WindowedPreview.FIRST_WINDOW;
    assertThat(reads).containsExactly("/pic.png@0+" + first, "/pic.png@" + first + "+" + (PNG.length - first),
        "/pic.png@0+" + first, "/pic.png@" + first + "+" + (PNG.length - first)); // both view models read it
    assertThat(images.moreAvailableProperty().get()).isFalse();
    assertThat(images.infoProperty().get()).startsWith("Image  \u00b7  ");
  }
}
