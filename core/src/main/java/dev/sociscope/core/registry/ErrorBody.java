package dev.sociscope.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The error codes and messages of a registry's error body (spec 7.10: {@code {"errors":[{"code":..,"message":..}]}}),
 * read up to 64 KiB; a body that is not such JSON gives no codes (a short plain-text body is kept as the message).
 */
record ErrorBody(List<String> codes, List<String> messages) {
  private static final int MAX_ERROR_BODY = 64 * 1024;

  ErrorBody {
    codes = List.copyOf(codes);
    messages = List.copyOf(messages);
  }

  static ErrorBody read(Response r) {
    List<String> codes = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    try {
      ResponseBody body = r.body();
      byte[] bytes = body == null ? new byte[0] : body.byteStream().readNBytes(MAX_ERROR_BODY);
      if (bytes.length > 0) {
        try {
          JsonNode json = RegistryClient.JSON.readTree(bytes);
          for (JsonNode err : json == null ? List.<JsonNode>of() : json.path("errors")) {
            String c = err.path("code").asText("");
            String m = err.path("message").asText("");
            if (!c.isEmpty()) {
              codes.add(c);
            }
            if (!c.isEmpty() || !m.isEmpty()) {
              messages.add(c.isEmpty() ? m : m.isEmpty() ? c : c + ": " + m);
            }
          }
        } catch (IOException notJson) {
          // a short plain-text answer ("blob unknown") still says something; an HTML error page does not
          String text = new String(bytes, StandardCharsets.UTF_8).strip();
          if (!text.isEmpty() && text.length() < 200 && !text.contains("<")) {
            messages.add(text);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // Only for the message and the codes: the status says enough.
    }
    return new ErrorBody(codes, messages);
  }

  /** " (CODE: message; ...)" for a message, or "" when the body said nothing. */
  String detail() {
    return messages.isEmpty() ? "" : " (" + String.join("; ", messages) + ")";
  }
}
