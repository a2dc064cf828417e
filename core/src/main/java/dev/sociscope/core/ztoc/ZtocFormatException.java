package dev.sociscope.core.ztoc;

import dev.sociscope.core.error.CorruptInputException;

/** A zTOC or its checkpoint data is truncated, corrupt or inconsistent. The message says what and where. */
public class ZtocFormatException extends CorruptInputException {
  public ZtocFormatException(String message) {
    super(message);
  }

  public ZtocFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
