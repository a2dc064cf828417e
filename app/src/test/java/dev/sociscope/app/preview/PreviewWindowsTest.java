package dev.sociscope.app.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.common.Progress;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.app.service.ContentWindow;
import dev.sociscope.app.service.FileContentService;
import dev.sociscope.app.service.LazyFileContentService;
import dev.sociscope.app.service.LocalZtocService;
import dev.sociscope.app.testing.DirectTaskRunner;
import dev.sociscope.app.testing.HeldTaskRunner;
import dev.sociscope.app.testing.LayerFiles;
import dev.sociscope.app.testing.RecordingDialogs;
import dev.sociscope.app.ztoc.ZtocWorkspace;
import dev.sociscope.core.extract.SpanRange;
import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.ztoc.ZtocReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zTOC view's preview reads a large file in windows through the real lazy reader over the golden pax layer
 * (64 KiB spans): the first window fetches only its own spans, each next window is an offset read from where the last
 * one ended, and the bytes and lines shown are exactly the file's; a new selection cancels an older read and drops
 * its answer.
 */
class PreviewWindowsTest {
  private static final Path ZTOC = Vectors.path("ztoc/pax.tar.gz.span-64KiB.ztoc");
  private static final Path LAYER = Vectors.path("layers/pax.tar.gz");
  private static final int FIRST = WindowedPreview.FIRST_WINDOW;
  private static final int NEXT = WindowedPreview.NEXT_WINDOW;

  @TempDir Path temp;
  private final ZtocWorkspace workspace = new ZtocWorkspace();
  /** Every read the view model asked for: {from, length}. */
  private final List<long[]> reads = new ArrayList<>();

  private final FileContentService recording = new FileContentService() {
    private final LazyFileContentService lazy = new LazyFileContentService();

    @Override
    public ContentWindow read(ZtocDocument d, FileNode file, long from, int length, Progress p) throws Exception {
      synchronized (reads) {
        reads.add(new long[] {from, length});
      }
      return lazy.read(d, file, from, length, p);
    }

    @Override
    public void save(ZtocDocument d, FileNode file, Path target, Progress p) throws Exception {
      lazy.save(d, file, target, p);
    }
  };

  private PreviewViewModel open(TaskRunner tasks) throws Exception {
    PreviewViewModel vm = new PreviewViewModel(workspace, recording, tasks, new RecordingDialogs(), b -> null);
    LocalZtocService ztocs = new LocalZtocService(ZtocReader::read, temp);
    workspace.documentProperty().set(ztocs.open(ZTOC, Optional.of(LAYER), Progress.NONE));
    return vm;
  }

  private void focus(String path) {
    workspace.focusedProperty().set(workspace.document().tree().find(path).orElseThrow());
  }

  /** Layer bytes of the spans holding {@code [from, from + n)} of {@code path}, each span whole, plus the header. */
  private long wholeSpanBytes(String path, long from, long n) {
    ZtocDocument doc = workspace.document();
    FileNode node = doc.tree().find(path).orElseThrow();
    return SpanRange.headerBytes(doc.zinfo()) + SpanRange.of(doc.zinfo(), node.entry().uncompressedOffset() + from, n)
        .fetchedBytes(doc.zinfo());
  }

  @Test
  void hexWindowsAreOffsetReadsWhoseBytesAreTheFilesExactly() throws Exception {
    PreviewViewModel vm = open(new DirectTaskRunner());
    byte[] file = LayerFiles.read(LAYER, "big/random.bin", Integer.MAX_VALUE);
    assertThat(file.length).isEqualTo(3145851);

    focus("big/random.bin");
    assertThat(vm.stateProperty().get()).isEqualTo(PreviewViewModel.State.HEX);
    assertThat(reads).extracting(r -> r[0] + "+" + r[1]).containsExactly("0+" + FIRST);
    assertThat(vm.shownBytes()).isEqualTo(Arrays.copyOf(file, FIRST));
    assertThat(vm.lines()).hasSize(FIRST / 16).containsExactlyElementsOf(ContentSniffer.hexLines(vm.shownBytes()));
    assertThat(vm.infoProperty().get()).endsWith("showing the first 64.0 KiB of 3.0 MiB");
    assertThat(vm.moreAvailableProperty().get()).isTrue();
    // The first window fetches the spans of its 64 KiB (at most two of the file's 48), not the file's.
    ContentWindow first = vm.lastWindowProperty().get();
    assertThat(first.from()).isZero();
    assertThat(first.bytesFetched()).isPositive().isLessThanOrEqualTo(wholeSpanBytes("big/random.bin", 0, FIRST))
        .isLessThan(wholeSpanBytes("big/random.bin", 0, file.length) / 10);
    System.out.printf("figures: first window of big/random.bin (%d B file): fetched %d B; the file's spans: %d B%n",
        file.length, first.bytesFetched(), wholeSpanBytes("big/random.bin", 0, file.length));

    // Each next window starts where the shown bytes end.
    long shown = FIRST;
    long secondFetched = -1;
    while (vm.moreAvailableProperty().get()) {
      vm.loadMore();
      long[] last = reads.get(reads.size() - 1);
      assertThat(last).as("read %d", reads.size()).containsExactly(shown, NEXT);
      ContentWindow w = vm.lastWindowProperty().get();
      secondFetched = secondFetched < 0 ? w.bytesFetched() : secondFetched;
      assertThat(w.from()).isEqualTo(shown);
      assertThat(w.bytes()).isEqualTo(Arrays.copyOfRange(file, (int) shown, (int) Math.min(file.length, shown + NEXT)));
      assertThat(w.bytesFetched()).isLessThanOrEqualTo(wholeSpanBytes("big/random.bin", shown, w.bytes().length));
      shown += w.bytes().length;
      assertThat(vm.shownBytes()).isEqualTo(Arrays.copyOf(file, (int) shown));
    }
    assertThat(reads).hasSize(1 + (file.length - FIRST + NEXT - 1) / NEXT);
    assertThat(shown).isEqualTo(file.length);
    System.out.printf("figures: second window fetched %d B%n", secondFetched);
    assertThat(vm.lines()).containsExactlyElementsOf(ContentSniffer.hexLines(file));
    assertThat(vm.infoProperty().get()).doesNotContain("showing the first");
    vm.loadMore(); // nothing left: no read
    assertThat(reads).hasSize(1 + (file.length - FIRST + NEXT - 1) / NEXT);
  }

  @Test
  void textWindowsJoinIntoTheFilesLines() throws Exception {
    PreviewViewModel vm = open(new DirectTaskRunner());
    byte[] file = LayerFiles.read(LAYER, "big/compressible.txt", Integer.MAX_VALUE);
    focus("big/compressible.txt");
    assertThat(vm.stateProperty().get()).isEqualTo(PreviewViewModel.State.TEXT);
    assertThat(vm.lines()).containsExactlyElementsOf(
        ContentSniffer.lines(Arrays.copyOf(file, FIRST), ContentSniffer.Kind.UTF8));
    int firstLines = vm.lines().size();
    vm.loadMore();
    vm.loadMore();
    int n = FIRST + 2 * NEXT;
    assertThat(reads).extracting(r -> r[0]).containsExactly(0L, (long) FIRST, (long) FIRST + NEXT);
    assertThat(vm.shownBytes()).isEqualTo(Arrays.copyOf(file, n));
    // The line cut by a window's end is completed by the next window, not shown twice.
    assertThat(vm.lines()).hasSizeGreaterThan(firstLines)
        .containsExactlyElementsOf(ContentSniffer.lines(Arrays.copyOf(file, n), ContentSniffer.Kind.UTF8));
    assertThat(vm.infoProperty().get()).contains(java.text.MessageFormat.format("{0,number,integer} lines", vm.lines().size()))
        .endsWith("showing the first 576 KiB of 3.0 MiB");
  }

  @Test
  void aNewSelectionCancelsTheOlderReadAndDropsItsAnswer() throws Exception {
    HeldTaskRunner tasks = new HeldTaskRunner();
    PreviewViewModel vm = open(tasks);
    focus("big/random.bin");
    assertThat(tasks.started()).isEqualTo(1);
    focus("big/compressible.txt");
    assertThat(tasks.started()).isEqualTo(2);
    assertThat(tasks.cancelled(0)).as("the read of the file no longer selected").isTrue();
    assertThat(tasks.cancelled(1)).isFalse();

    tasks.finish(1);
    assertThat(vm.stateProperty().get()).isEqualTo(PreviewViewModel.State.TEXT);
    List<String> text = List.copyOf(vm.lines());
    tasks.finish(0); // the old file's bytes arrive last: they are not shown under the new file
    assertThat(vm.stateProperty().get()).isEqualTo(PreviewViewModel.State.TEXT);
    assertThat(vm.lines()).containsExactlyElementsOf(text);
    assertThat(vm.shownBytes()).isEqualTo(LayerFiles.read(LAYER, "big/compressible.txt", FIRST));
    assertThat(vm.lastWindowProperty().get().bytes()).isEqualTo(vm.shownBytes());

    // A window asked for by scrolling is dropped the same way when another file is selected meanwhile.
    vm.loadMore();
    int more = tasks.started() - 1;
    assertThat(more).isEqualTo(2);
    focus("etc/tiny.txt");
    assertThat(tasks.cancelled(more)).isTrue();
    tasks.finish(tasks.started() - 1);
    tasks.finish(more);
    assertThat(vm.shownBytes()).isEqualTo(LayerFiles.read(LAYER, "etc/tiny.txt", Integer.MAX_VALUE));
    assertThat(vm.moreAvailableProperty().get()).isFalse();
    assertThat(vm.lines()).noneMatch(l -> l.startsWith("00010000"));
  }
}
