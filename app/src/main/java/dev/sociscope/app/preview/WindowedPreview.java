package dev.sociscope.app.preview;

import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.common.UserError;
import dev.sociscope.core.format.ByteSize;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.ObservableList;

/**
 * A text or hex preview that reads its file in windows, for the zTOC view and the Files tab alike: the first
 * {@link #FIRST_WINDOW} bytes at once (only the spans holding them), then {@link #NEXT_WINDOW} more each time the
 * user scrolls to the end, each read from where the last window ended (an offset read, never a re-read from 0). A
 * new {@link #open} cancels a read still running and drops its answer, so a file's status line never sits over
 * another file's bytes.
 *
 * @param <S> what one window's read cost, as the owner reports it
 */
public final class WindowedPreview<S> {
  /** Bytes a preview reads first: a few screens of text or hex, whatever the file's size. */
  public static final int FIRST_WINDOW = 64 * 1024;
  /** Bytes read each time the user scrolls to the end of the preview (a multiple of the hex line width). */
  public static final int NEXT_WINDOW = 256 * 1024;
  /** Preview bytes kept at most; "Save as" writes the whole file. */
  public static final int MAX_PREVIEW = 8 << 20;

  /** Reads bytes {@code [from, from + length)} of the previewed file, cut at its end; runs off the FX thread. */
  @FunctionalInterface
  public interface Reader<S> {
    Window<S> read(long from, int length, Progress progress) throws Exception;
  }

  /** One window read: its bytes, the file's whole size, and what reading them cost. */
  public record Window<S>(byte[] bytes, long fileSize, S cost) {}

  /** What the owner does once a window is shown (on the FX thread), or when a read fails. */
  public interface Listener<S> {
    void shown(Window<S> window);

    void failed(UserError error, boolean firstWindow);
  }

  private final TaskRunner tasks;
  private final ObservableList<String> lines;
  private final ReadOnlyBooleanWrapper moreAvailable = new ReadOnlyBooleanWrapper(false);
  private ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private ContentSniffer.Kind kind;
  private long fileSize;
  private String title;
  private Reader<S> reader;
  private Listener<S> listener;
  private TaskRunner.Handle reading;
  private long generation;

  /** @param lines where the text or hex lines go (the owner's list, bound to its view) */
  public WindowedPreview(TaskRunner tasks, ObservableList<String> lines) {
    this.tasks = tasks;
    this.lines = lines;
  }

  /**
   * Starts a preview: cancels the one before, then reads the first window. {@code lines} keeps what the owner put
   * there (a "Reading..." line) until the window arrives.
   */
  public void open(String title, long fileSize, Reader<S> reader, Listener<S> listener) {
    close();
    this.title = title;
    this.fileSize = fileSize;
    this.reader = reader;
    this.listener = listener;
    read(0, FIRST_WINDOW);
  }

  /** Reads the next window from where the shown bytes end, when there is more and no read is running. */
  public void loadMore() {
    if (reader == null || !moreAvailable.get() || reading != null && !reading.isDone()
        || bytes.size() >= MAX_PREVIEW) {
      return;
    }
    moreAvailable.set(false);
    read(bytes.size(), NEXT_WINDOW);
  }

  /** Cancels a running read, drops its answer and forgets the bytes shown (the owner clears or reuses the lines). */
  public void close() {
    if (reading != null) {
      reading.cancel();
      reading = null;
    }
    generation++;
    reader = null;
    listener = null;
    bytes = new ByteArrayOutputStream();
    kind = null;
    fileSize = 0;
    moreAvailable.set(false);
  }

  private void read(long from, int length) {
    long gen = generation;
    Reader<S> r = reader;
    Listener<S> l = listener;
    byte[] before = bytes.toByteArray();
    ContentSniffer.Kind known = kind;
    int shownLines = lines.size();
    reading = tasks.run(title, p -> {
      Window<S> w = r.read(from, length, p);
      return new Step<>(w, Lines.after(before, w, known, shownLines)); // decoded here, off the FX thread
    }, step -> {
      if (gen == generation) {
        show(step);
        l.shown(step.window());
      }
    }, error -> {
      if (gen == generation) {
        l.failed(error, from == 0);
      }
    });
  }

  /** A window read and the lines it changes. */
  private record Step<S>(Window<S> window, Lines lines) {}

  /**
   * How the lines change when a window is appended: the first window sets them all; a later one keeps the lines
   * before {@code keep} as they are (no jump in the list) and replaces the rest with {@code tail}.
   */
  private record Lines(ContentSniffer.Kind kind, int keep, List<String> tail, boolean truncated) {
    static Lines after(byte[] before, Window<?> w, ContentSniffer.Kind known, int shownLines) {
      byte[] all = java.util.Arrays.copyOf(before, before.length + w.bytes().length);
      System.arraycopy(w.bytes(), 0, all, before.length, w.bytes().length);
      boolean truncated = all.length < w.fileSize();
      if (known == null) {
        ContentSniffer.Kind sniffed = ContentSniffer.sniff(all, truncated);
        ContentSniffer.Kind kind = sniffed == ContentSniffer.Kind.UTF8 || sniffed == ContentSniffer.Kind.LATIN1
            ? sniffed : ContentSniffer.Kind.BINARY;
        return new Lines(kind, 0, lines(all, kind), truncated);
      }
      if (known == ContentSniffer.Kind.BINARY) {
        // windows are multiples of 16 bytes, so earlier hex lines are complete and stay
        return new Lines(known, shownLines, ContentSniffer.hexLines(w.bytes(), before.length), truncated);
      }
      List<String> now = lines(all, known);
      int keep = Math.min(Math.max(0, shownLines - 1), now.size()); // the last line may have been cut by the window
      return new Lines(known, keep, now.subList(keep, now.size()), truncated);
    }

    private static List<String> lines(byte[] all, ContentSniffer.Kind kind) {
      return kind == ContentSniffer.Kind.BINARY ? ContentSniffer.hexLines(all, 0) : ContentSniffer.lines(all, kind);
    }
  }

  /** Appends a window to the shown bytes and its lines to the list. */
  private void show(Step<S> step) {
    byte[] window = step.window().bytes();
    fileSize = step.window().fileSize();
    bytes.write(window, 0, window.length);
    kind = step.lines().kind();
    if (step.lines().keep() == 0) {
      lines.setAll(step.lines().tail());
    } else {
      lines.remove(step.lines().keep(), lines.size());
      lines.addAll(step.lines().tail());
    }
    moreAvailable.set(step.lines().truncated() && window.length > 0 && bytes.size() < MAX_PREVIEW);
  }

  /** Whether the file has bytes not read yet (read when the user scrolls to the end). */
  public ReadOnlyBooleanProperty moreAvailableProperty() {
    return moreAvailable.getReadOnlyProperty();
  }

  /** Text (UTF-8 or Latin-1) or binary (hex); null until the first window is in. */
  public ContentSniffer.Kind kind() {
    return kind;
  }

  /** The bytes shown so far: the file's first {@link #shownBytes()} bytes. */
  public byte[] bytes() {
    return bytes.toByteArray();
  }

  public long shownBytes() {
    return bytes.size();
  }

  public long fileSize() {
    return fileSize;
  }

  /** "  ·  showing the first 64 KiB of 12 MiB" while part of the file is shown, else empty. */
  public String shownSuffix() {
    return bytes.size() < fileSize
        ? Messages.get("preview.truncated", ByteSize.human(bytes.size()), ByteSize.human(fileSize)) : "";
  }
}
