package dev.sociscope.app.common;

/** What background work may tell the UI while it runs. Thread-safe; calls are cheap and coalesced. */
public interface Progress {
  /** Work done so far out of {@code total}; a negative total means unknown. */
  void update(long done, long total);

  /** A short line for the status bar. */
  void message(String text);

  /** Bytes read or written so far, shown in the activity panel. */
  void transferred(long bytes);

  boolean isCancelled();

  /** Throws {@link java.util.concurrent.CancellationException} when the user pressed Cancel. */
  default void checkCancelled() {
    if (isCancelled()) {
      throw new java.util.concurrent.CancellationException();
    }
  }

  /** A progress sink that ignores everything, for work run outside the UI. */
  Progress NONE = new Progress() {
    @Override
    public void update(long done, long total) {}

    @Override
    public void message(String text) {}

    @Override
    public void transferred(long bytes) {}

    @Override
    public boolean isCancelled() {
      return false;
    }
  };
}
