package dev.sociscope.core.tar;

import dev.sociscope.core.error.CorruptInputException;


/** A tar stream that cannot be indexed: corrupt headers, or entry types SOCI does not support. */
public class TarFormatException extends CorruptInputException {
  public TarFormatException(String message) {
    super(message);
  }
}
