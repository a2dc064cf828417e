package dev.sociscope.core.soci;

/** Building a SOCI index failed as a whole (e.g. a descriptor that is not a layer). */
public class SociBuildException extends Exception {
  public SociBuildException(String message) {
    super(message);
  }

  public SociBuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
