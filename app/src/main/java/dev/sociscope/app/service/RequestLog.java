package dev.sociscope.app.service;

import dev.sociscope.app.model.ActivityLog;
import dev.sociscope.core.registry.ExpectedAnswers;
import java.io.IOException;
import java.time.Instant;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Puts every HTTP request into the activity panel: method, URL without user info or query, bytes, time, and the
 * status when it failed. Answers the protocol expects (core's {@link ExpectedAnswers}: the referrers API's 404 before
 * the fallback tag, a 401 challenge) are recorded as information with the reason. Headers (and so credentials) are
 * never recorded.
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
      java.util.Optional<String> expected = ExpectedAnswers.explain(request.method(), request.url().encodedPath(),
          response.code());
      if (expected.isPresent()) {
        activity.recordInfo(title, started, bytes, "HTTP " + response.code() + ": " + expected.get());
      } else {
        activity.record(title, started, bytes, response.isSuccessful() ? ""
            : "HTTP " + response.code() + (response.message().isEmpty() ? "" : " " + response.message()));
      }
      return response;
    } catch (IOException e) {
      activity.record(title, started, -1, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      throw e;
    }
  }

  static String redact(HttpUrl url) {
    return url.newBuilder().username("").password("").query(null).build().toString();
  }
}
