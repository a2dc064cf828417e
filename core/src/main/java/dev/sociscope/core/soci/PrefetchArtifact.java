package dev.sociscope.core.soci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sociscope.core.oci.GoJsonWriter;
import dev.sociscope.core.oci.OciFormatException;
import dev.sociscope.core.oci.OciJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The prefetch blob of one layer (spec 3.7, experimental): span ranges the runtime fetches before the layer is used.
 *
 * <pre>{@code
 * {"version":"1.0","prefetch_spans":[{"start_span":0,"end_span":2},{"start_span":7,"end_span":7,"priority":1}]}
 * }</pre>
 *
 * @param version always {@link #VERSION} for what this tool reads or writes
 * @param spans inclusive span ranges; never empty
 */
public record PrefetchArtifact(String version, List<Span> spans) {
  public static final String VERSION = "1.0";

  /**
   * One inclusive span range.
   *
   * @param startSpan first span id
   * @param endSpan last span id (inclusive), not below {@code startSpan}
   * @param priority reserved, lower = earlier; 0 is omitted on the wire
   */
  public record Span(int startSpan, int endSpan, int priority) {
    public Span {
      if (startSpan < 0 || endSpan < startSpan) {
        throw new IllegalArgumentException("bad prefetch span range [" + startSpan + ", " + endSpan + "]");
      }
    }
  }

  public PrefetchArtifact {
    Objects.requireNonNull(version, "version == null");
    spans = List.copyOf(spans);
    if (spans.isEmpty()) {
      throw new IllegalArgumentException("a prefetch artifact needs at least one span range");
    }
  }

  public static PrefetchArtifact of(List<Span> spans) {
    return new PrefetchArtifact(VERSION, spans);
  }

  /** Parses a prefetch blob; rejects other versions and empty span lists as the runtime does. */
  public static PrefetchArtifact parse(byte[] bytes) throws OciFormatException {
    JsonNode root = OciJson.readObject(bytes, "prefetch artifact");
    JsonNode version = root.get("version");
    if (version == null || !version.isTextual() || !VERSION.equals(version.textValue())) {
      throw new SociFormatException("prefetch artifact: unsupported version " + version + ", expected \""
          + VERSION + "\"");
    }
    JsonNode spans = root.get("prefetch_spans");
    if (spans == null || !spans.isArray() || spans.isEmpty()) {
      throw new SociFormatException("prefetch artifact: prefetch_spans is missing or empty");
    }
    List<Span> out = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      String where = "prefetch artifact: prefetch_spans[" + i + "]";
      JsonNode s = spans.get(i);
      if (!s.isObject()) {
        throw new SociFormatException(where + ": expected an object");
      }
      int start = int32(s, "start_span", where);
      int end = int32(s, "end_span", where);
      if (start < 0 || end < start) {
        throw new SociFormatException(where + ": bad range [" + start + ", " + end + "]");
      }
      out.add(new Span(start, end, int32(s, "priority", where)));
    }
    return new PrefetchArtifact(VERSION, out);
  }

  private static int int32(JsonNode node, String field, String where) throws SociFormatException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new SociFormatException(where + "." + field + ": expected a 32-bit integer, got " + v);
    }
    return v.intValue();
  }

  /** Go JSON bytes: {@code version, prefetch_spans[{start_span, end_span, priority?}]}. */
  public byte[] toBytes() {
    GoJsonWriter w = new GoJsonWriter().beginObject();
    w.name("version").value(version);
    w.name("prefetch_spans").beginArray();
    for (Span s : spans) {
      w.beginObject().name("start_span").value(s.startSpan()).name("end_span").value(s.endSpan());
      if (s.priority() != 0) {
        w.name("priority").value(s.priority());
      }
      w.endObject();
    }
    w.endArray();
    return w.endObject().toByteArray();
  }
}
