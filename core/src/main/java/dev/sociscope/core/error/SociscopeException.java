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
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind == null");
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
