package dev.sociscope.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;

/** JSON output of {@code --json}: pretty, stable key order (insertion order). */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** A list of names, one a line, or with {@code json} as one compact JSON array (ls-repos, ls-tags). */
  static void printNames(PrintWriter out, List<String> names, boolean json) {
    if (json) {
      ArrayNode array = array();
      names.forEach(array::add);
      out.println(array.toString());
    } else {
      names.forEach(n -> out.println(dev.sociscope.core.format.TerminalText.escape(n)));
    }
  }

  static String write(Object node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
