package dev.sociscope.core.error;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * The root of sociscope's typed errors. Each carries an {@link ErrorKind} and a one-line message that says what was
 * tried, on what, and why it failed, without credentials or tokens. It is an {@link IOException} because nearly
 * every failure happens while reading or writing something, so callers can keep one {@code throws} clause.
 */
public class SociscopeException extends IOException {
  private static final long serialVersionUID = 1L;
  private final ErrorKind kind;

  public SociscopeException(ErrorKind kind, String message) {
    this(kind, message, null);
  }

  public SociscopeException(ErrorKind kind, String message, Throwable cause) {
    super(oneLine(message), cause);
    this.kind = Objects.requireNonNull(kind, "kind == null");
  }

  /**
   * {@code message} on one line: messages quote names, tokens and JSON from the input, and a line break or escape
   * sequence in there must neither split the error over several lines nor reach the terminal. Control characters
   * are shown escaped ({@code \n}, {@code \t}, {@code \x1b}).
   */
  static String oneLine(String message) {
    if (message == null) {
      return null;
    }
    int i = 0;
    while (i < message.length() && !isControl(message.charAt(i))) {
      i++;
    }
    if (i == message.length()) {
      return message;
    }
    StringBuilder sb = new StringBuilder(message.length() + 16).append(message, 0, i);
    for (; i < message.length(); i++) {
      char c = message.charAt(i);
      if (!isControl(c)) {
        sb.append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c > 0xff) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(String.format("\\x%02x", (int) c));
      }
    }
    return sb.toString();
  }

  private static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
  }

  public ErrorKind kind() {
    return kind;
  }

  /** {@code error} with {@code context} ("layer sha256:...") before its message, keeping its kind. */
  public static SociscopeException wrap(String context, Throwable error) {
    String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    return new SociscopeException(kindOf(error), context + ": " + message, error);
  }

  /**
   * The kind of any failure: a {@link SociscopeException}'s own, else inferred from the JDK's exception types
   * (wrappers such as {@code ExecutionException} are looked through by the caller).
   */
  public static ErrorKind kindOf(Throwable error) {
    if (error instanceof SociscopeException s) {
      // A registry call that could not connect is wrapped with what was tried; the cause says why.
      for (Throwable c = s.getCause(); s.kind() == ErrorKind.IO && c != null; c = c.getCause()) {
        if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof NoRouteToHostException
            || c instanceof SocketTimeoutException) {
          return ErrorKind.UNREACHABLE;
        }
      }
      return s.kind();
    }
    if (error instanceof NoSuchFileException || error instanceof java.io.FileNotFoundException) {
      return ErrorKind.NOT_FOUND;
    }
    if (error instanceof ConnectException || error instanceof UnknownHostException
        || error instanceof NoRouteToHostException || error instanceof SocketTimeoutException) {
      return ErrorKind.UNREACHABLE;
    }
    if (error instanceof CancellationException || error instanceof InterruptedException) {
      return ErrorKind.CANCELLED;
    }
    if (error instanceof AccessDeniedException) {
      return ErrorKind.IO;
    }
    if (error instanceof IllegalArgumentException) {
      return ErrorKind.INVALID_REQUEST;
    }
    return ErrorKind.IO;
  }
}
