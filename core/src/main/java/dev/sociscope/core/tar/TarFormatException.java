package dev.sociscope.core.tar;

import java.io.IOException;

/** A tar stream that cannot be indexed: corrupt headers, or entry types SOCI does not support. */
public class TarFormatException extends IOException {
  public TarFormatException(String message) {
    super(message);
  }
}
