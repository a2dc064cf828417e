package dev.sociscope.core.extract;

import java.io.IOException;

/** The path names a directory, symlink, device or fifo: it has no data to extract. */
public class NotRegularFileException extends IOException {
  public NotRegularFileException(String message) {
    super(message);
  }
}
