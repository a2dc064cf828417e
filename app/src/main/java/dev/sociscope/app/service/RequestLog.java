package dev.sociscope.app.service;

import dev.sociscope.app.model.ActivityLog;
import java.io.IOException;
import java.time.Instant;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Puts every HTTP request into the activity panel: method, URL without user info or query, bytes, time, and the
 * status when it failed. Headers (and so credentials) are never recorded.
 */
public final class RequestLog implements Interceptor {
  private final ActivityLog activity;

  public RequestLog(ActivityLog activity) {
    this.activity = activity;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Instant started = Instant.now();
    String title = request.method() + " " + redact(request.url());
    try {
      Response response = chain.proceed(request);
      long bytes = response.body() == null ? -1 : response.body().contentLength();
      String problem = response.isSuccessful() || response.code() == 401 || response.code() == 404 && isHead(request)
          ? "" : "HTTP " + response.code() + (response.message().isEmpty() ? "" : " " + response.message());
      activity.record(title, started, bytes, problem);
      return response;
    } catch (IOException e) {
      activity.record(title, started, -1, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      throw e;
    }
  }

  private static boolean isHead(Request r) {
    return "HEAD".equals(r.method());
  }

  static String redact(HttpUrl url) {
    return url.newBuilder().username("").password("").query(null).build().toString();
  }
}
