package dev.sociscope.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.registry.Listing;
import dev.sociscope.core.registry.ListingLimits;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --max-entries N} of the listing commands, and how a listing is printed: names one per line (or a JSON
 * array); a listing the limits cut short gets a one-line note on stderr and, in JSON, an object that says so
 * ({@code {"names":[...],"complete":false,"cutShort":"..."}}), so that a script expecting the whole array fails
 * instead of working on part of it.
 */
final class ListingFlags {
  @Option(names = "--max-entries", paramLabel = "N",
      description = "Stop after N names (default: ${DEFAULT-VALUE}); a listing cut short says so on stderr.",
      defaultValue = "100000")
  int maxEntries = ListingLimits.DEFAULT.maxEntries();

  ListingLimits limits() {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("--max-entries must be at least 1, not " + maxEntries);
    }
    return ListingLimits.DEFAULT.withMaxEntries(maxEntries);
  }

  static void print(PrintWriter out, PrintWriter err, Listing listing, boolean json) {
    if (listing.complete()) {
      Json.printNames(out, listing.names(), json);
    } else if (json) {
      ObjectNode o = Json.object();
      ArrayNode names = o.putArray("names");
      listing.names().forEach(names::add);
      o.put("complete", false);
      o.put("cutShort", listing.cutShort().get());
      out.println(Json.write(o));
    } else {
      Json.printNames(out, listing.names(), false);
    }
    listing.cutShort().ifPresent(why -> err.println("sociscope: the listing was cut short after "
        + listing.names().size() + " names: " + why + (why.contains("entries") || why.contains("pages")
        ? "; raise the limit with --max-entries N" : "")));
  }
}
