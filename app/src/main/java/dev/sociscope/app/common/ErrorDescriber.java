package dev.sociscope.app.common;

import dev.sociscope.core.error.SociscopeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.util.concurrent.CancellationException;

/** Maps exceptions to a short sentence for people, keeping the stack trace as expandable details. */
public final class ErrorDescriber {
  private ErrorDescriber() {}

  public static UserError describe(Throwable error) {
    Throwable e = unwrap(error);
    return new UserError(summary(e), stackTrace(error), isBug(e));
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof java.util.concurrent.ExecutionException
        || t instanceof java.io.UncheckedIOException
        || t instanceof java.lang.reflect.InvocationTargetException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * One sentence by the error's kind ({@link SociscopeException#kindOf}): core says what went wrong; the GUI only
   * words it. Failures that are neither I/O nor a refused request are bugs and say so.
   */
  /** Neither I/O nor a refused request nor a cancel: something the code did not expect. */
  private static boolean isBug(Throwable e) {
    return !(e instanceof IOException || e instanceof IllegalArgumentException || e instanceof CancellationException
        || e instanceof InterruptedException);
  }

  private static String summary(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (isBug(e)) {
      return Messages.get("error.unexpected", message);
    }
    switch (SociscopeException.kindOf(e)) {
      case NOT_FOUND: return Messages.get("error.notFound", message);
      case UNAUTHORIZED: return Messages.get("error.unauthorized", message);
      case DIGEST_MISMATCH: return Messages.get("error.digest", message);
      case CORRUPT_INPUT: return Messages.get("error.corrupt", message);
      case UNSUPPORTED: return Messages.get("error.unsupported", message);
      case CANCELLED: return Messages.get("error.cancelled");
      case UNREACHABLE: return Messages.get("error.connect", message);
      case INVALID_REQUEST: return Messages.get("error.invalid", message);
      default:
        return e instanceof AccessDeniedException ? Messages.get("error.accessDenied", message)
            : Messages.get("error.io", message);
    }
  }

  public static String stackTrace(Throwable e) {
    StringWriter sw = new StringWriter();
    e.printStackTrace(new PrintWriter(sw));
    return sw.toString();
  }
}
