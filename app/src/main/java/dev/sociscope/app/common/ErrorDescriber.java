package dev.sociscope.app.common;

import dev.sociscope.core.ztoc.ZtocFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CancellationException;

/** Maps exceptions to a short sentence for people, keeping the stack trace as expandable details. */
public final class ErrorDescriber {
  private ErrorDescriber() {}

  public static UserError describe(Throwable error) {
    Throwable e = unwrap(error);
    return new UserError(summary(e), stackTrace(error));
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

  private static String summary(Throwable e) {
    if (e instanceof ZtocFormatException) {
      return Messages.get("error.ztocFormat", e.getMessage());
    }
    if (e instanceof dev.sociscope.core.error.UnauthorizedException) {
      return Messages.get("error.unauthorized", e.getMessage());
    }
    if (e instanceof dev.sociscope.core.error.NotFoundException) {
      return Messages.get("error.notFound", e.getMessage());
    }
    if (e instanceof dev.sociscope.core.error.DigestMismatchException) {
      return Messages.get("error.digest", e.getMessage());
    }
    if (e instanceof dev.sociscope.core.registry.RegistryException && (e.getCause() instanceof java.net.ConnectException
        || e.getCause() instanceof java.net.UnknownHostException)) {
      return Messages.get("error.connect", e.getMessage());
    }
    if (e instanceof dev.sociscope.core.registry.RegistryException) {
      return Messages.get("error.registry", e.getMessage());
    }
    if (e instanceof dev.sociscope.core.oci.OciFormatException) {
      return Messages.get("error.oci", e.getMessage());
    }
    if (e instanceof java.net.ConnectException || e instanceof java.net.UnknownHostException) {
      return Messages.get("error.connect", e.getMessage());
    }
    if (e instanceof NoSuchFileException) {
      return Messages.get("error.noSuchFile", e.getMessage());
    }
    if (e instanceof AccessDeniedException) {
      return Messages.get("error.accessDenied", e.getMessage());
    }
    if (e instanceof CancellationException || e instanceof InterruptedException) {
      return Messages.get("error.cancelled");
    }
    if (e instanceof IOException) {
      return Messages.get("error.io", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    if (e instanceof IllegalArgumentException && e.getMessage() != null) {
      return Messages.get("error.invalid", e.getMessage());
    }
    String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return Messages.get("error.unexpected", what);
  }

  public static String stackTrace(Throwable e) {
    StringWriter sw = new StringWriter();
    e.printStackTrace(new PrintWriter(sw));
    return sw.toString();
  }
}
