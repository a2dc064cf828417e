package dev.sociscope.core.extract;

import dev.sociscope.core.error.InvalidRequestException;

/** The path names a directory, symlink, device or fifo: it has no data to extract. */
public class NotRegularFileException extends InvalidRequestException {
  public NotRegularFileException(String message) {
    super(message);
  }
}
