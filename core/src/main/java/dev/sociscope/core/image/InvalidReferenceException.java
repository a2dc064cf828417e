package dev.sociscope.core.image;

/** An image reference or image location could not be parsed; the message names the text and the rule broken. */
public final class InvalidReferenceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidReferenceException(String message) {
    super(message);
  }
}
