package dev.sociscope.app.cli;

import dev.sociscope.core.files.ImageFiles;
import dev.sociscope.core.files.ReadStats;
import dev.sociscope.core.image.ImageLocation;
import dev.sociscope.core.image.ImageReference;
import dev.sociscope.core.io.TempFiles;
import dev.sociscope.core.layout.CacheWrites;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.ImageManifest;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.registry.RemoteRepository;
import dev.sociscope.core.workflow.ImageResolver;
import dev.sociscope.core.workflow.OpenedImage;
import dev.sociscope.core.workflow.SociService;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench --remote REF PATH}: on the link at hand (or a simulated one through {@link LinkRelay}), the time
 * and bytes of pulling the whole image (manifest, config and every layer, three at a time as Docker does, digests
 * verified) against a cold lazy read of PATH (index discovery, the zTOC, the spans), side by side.
 */
final class RemoteBench {
  private static final Pattern LINK = Pattern.compile("(?i)(\\d+(?:\\.\\d+)?)\\s*([kmg])bit/(\\d+)ms");

  private RemoteBench() {}

  /**
   * @param started when the side began ({@link System#nanoTime()})
   * @param names what the blobs it fetched are ("layer 2 of 5", "zTOC of layer 2"), by digest
   */
  record Result(double seconds, long bytes, long started, Map<String, String> names) {
    Result(double seconds, long bytes) {
      this(seconds, bytes, 0, Map.of());
    }
  }

  /** {@code 100Mbit/20ms} as bits per second and milliseconds; null for {@code none}. */
  static long[] parseLink(String text) {
    if (text == null || text.equalsIgnoreCase("none")) {
      return null;
    }
    Matcher m = LINK.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("--link '" + text + "' is not RATE/RTT such as 100Mbit/20ms");
    }
    double rate = Double.parseDouble(m.group(1));
    long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> 1_000L;
      case "m" -> 1_000_000L;
      default -> 1_000_000_000L;
    };
    return new long[] {(long) (rate * unit), Long.parseLong(m.group(3))};
  }

  static void run(PrintWriter out, RegistryFlags flags, String ref, String path, String linkText) throws Exception {
    long[] link = parseLink(linkText);
    ImageReference parsed = ImageReference.parse(ref);
    String registry = parsed.registry();
    boolean loopback = registry.startsWith("127.") || registry.startsWith("localhost");
    LinkRelay relay = null;
    String target = ref;
    if (link != null || loopback) {
      if (!loopback) {
        throw new IllegalArgumentException("--link works with loopback registries only (the relay would break TLS)");
      }
      int colon = registry.lastIndexOf(':');
      String host = colon < 0 ? registry : registry.substring(0, colon);
      int port = colon < 0 ? 80 : Integer.parseInt(registry.substring(colon + 1));
      relay = new LinkRelay(host.equals("localhost") ? "127.0.0.1" : host, port, link == null ? 0 : link[0],
          link == null ? 0 : link[1]);
      target = "127.0.0.1:" + relay.port() + ref.substring(registry.length());
    }
    out.printf("image %s, file %s, link: %s%n", ref, path, link == null ? "as it is (loopback relay counts bytes)"
        : String.format(Locale.ROOT, "%,d bit/s, %d ms round trip (simulated)", link[0], link[1]));
    out.flush();
    try {
      // One client for both sides, as a running daemon keeps one: its connections and what it learnt of the
      // registry (plain HTTP or TLS) are there for both, after the warm-up.
      RegistryClient client = flags.registry.clientFor(List.of(ImageLocation.parse(target)));
      warmUp(client, target);
      Result lazy = lazyRead(client, target, path, relay);
      Result pull = pull(client, target, relay);
      out.printf("%n%-34s %10s %16s%n", "", "wall s", "bytes received");
      out.printf("%-34s %10.2f %,16d%n", "full pull (all layers, 3 at a time)", pull.seconds, pull.bytes);
      out.printf("%-34s %10.2f %,16d%n", "lazy read of " + shorten(path, 21), lazy.seconds, lazy.bytes);
      out.printf("ratio pull / lazy: %.1fx faster, %.1fx fewer bytes%n", pull.seconds / lazy.seconds,
          (double) pull.bytes / Math.max(1, lazy.bytes));
      out.printf("(lazy read: cold cache, SOCI index discovery, zTOC and spans included; pull: manifest, config and"
          + " layers; bytes are what the %s; both timed after one untimed manifest fetch on the same client, as in"
          + " a running daemon)%n",
          relay != null ? "relay passed to the client, headers included" : "reads counted");
      if (relay != null) {
        printTimeline(out, lazy, relay.exchanges(lazy.started, lazy.started + (long) (lazy.seconds * 1e9)),
            link == null ? 0 : link[0], pull.seconds);
      }
      out.flush();
    } finally {
      if (relay != null) {
        relay.close();
      }
    }
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : "..." + s.substring(s.length() - max + 3);
  }

  /**
   * Runs the HTTP, JSON and cache code once, untimed (one manifest fetch): both sides are then timed as a
   * long-running runtime (containerd, the snapshotter) does them, without the JVM's first-use costs, which only the
   * side timed first would otherwise pay. The lazy read's cache is still empty.
   */
  private static void warmUp(RegistryClient client, String ref) throws Exception {
    ImageReference parsed = ImageReference.parse(ref);
    client.repository(parsed).manifest(parsed.manifestReference());
  }

  private static Result lazyRead(RegistryClient client, String ref, String path, LinkRelay relay) throws Exception {
    Path cache = TempFiles.createDirectory("sociscope-bench-cache");
    try {
      long bytesBefore = relay == null ? 0 : relay.bytesDown();
      long started = System.nanoTime();
      SociService service = new SociService(client, new ZtocCache(cache), 1);
      ImageFiles files = service.files(ref, ImageResolver.PlatformSelection.DEFAULT, null);
      ReadStats s = files.read(path, OutputStream.nullOutputStream(), true);
      double seconds = (System.nanoTime() - started) / 1e9;
      return new Result(seconds, relay == null ? s.bytesFetched() : relay.bytesDown() - bytesBefore, started,
          blobNames(files));
    } finally {
      CacheWrites.await(Duration.ofSeconds(30)); // what the read kept for later, written after its answer
      TempFiles.delete(cache);
    }
  }

  /** The image's config, layers and zTOCs by digest, as the timeline names them. */
  private static Map<String, String> blobNames(ImageFiles files) {
    Map<String, String> names = new HashMap<>();
    names.put(files.manifest().manifest().manifest().config().digest().toString(), "config");
    int count = files.layers().size();
    for (ImageFiles.Layer layer : files.layers()) {
      String which = "layer " + (layer.position() + 1) + " of " + count;
      names.put(layer.descriptor().digest().toString(), which);
      if (layer.indexed()) {
        names.put(layer.ztocDescriptor().ztocDigest().toString(), "zTOC of " + which);
      }
    }
    return names;
  }

  /**
   * The lazy read request by request, as the relay saw them, and how much of its time the bytes alone took on the
   * link: what is left is round trips, the registry's answers and sociscope's own work.
   */
  static void printTimeline(PrintWriter out, Result lazy, List<LinkRelay.Exchange> exchanges, long bitsPerSecond,
      double pullSeconds) {
    if (exchanges.isEmpty()) {
      out.println("(the relay saw no plain-HTTP request of the lazy read: a TLS registry keeps them to itself)");
      return;
    }
    out.printf("%nlazy read, request by request (ms after it began: the request sent, its answer's first and last"
        + " byte received):%n");
    out.printf("%7s %7s %7s %12s  %s%n", "sent", "first", "last", "bytes", "request");
    long total = 0;
    for (LinkRelay.Exchange e : exchanges) {
      out.printf("%7s %7s %7s %,12d  %s%n", millis(e.sent(), lazy.started), e.bytes() == 0 ? "-"
          : millis(e.firstByte(), lazy.started), e.bytes() == 0 ? "-" : millis(e.lastByte(), lazy.started),
          e.bytes(), describe(e, lazy.names));
      total += e.bytes();
    }
    if (bitsPerSecond > 0) {
      double wire = total * 8.0 / bitsPerSecond;
      out.printf(Locale.ROOT, "%d requests; their %,d bytes take %.2f s at %,d bit/s: the other %.2f s of the"
          + " lazy read are round trips, the registry's answers and sociscope's own work%n", exchanges.size(), total,
          wire, bitsPerSecond, Math.max(0, lazy.seconds - wire));
    }
    double waiting = waitingSeconds(exchanges);
    out.printf(Locale.ROOT, "a request was outstanding for %.2f s of the lazy read's %.2f s; in the other %.2f s"
        + " none was (sociscope's own work); without that time the lazy read would be %.1fx faster than the pull%n",
        waiting,
        lazy.seconds, Math.max(0, lazy.seconds - waiting), pullSeconds / Math.max(waiting, 1e-9));
  }

  /**
   * How long at least one request was waiting for its answer (from sent to the answer's last byte): the time the
   * link and the registry took, requests side by side counted once; the rest of a read is the reader's own work.
   */
  static double waitingSeconds(List<LinkRelay.Exchange> exchanges) {
    List<LinkRelay.Exchange> bySent = exchanges.stream()
        .sorted(java.util.Comparator.comparingLong(LinkRelay.Exchange::sent)).toList();
    long total = 0;
    long from = Long.MIN_VALUE;
    long to = Long.MIN_VALUE;
    for (LinkRelay.Exchange e : bySent) {
      long end = Math.max(e.sent(), e.lastByte());
      if (e.sent() > to) { // nothing was outstanding just before this request
        total += to - from;
        from = e.sent();
        to = end;
      } else {
        to = Math.max(to, end);
      }
    }
    return (total + (to - from)) / 1e9;
  }

  private static String millis(long at, long started) {
    return String.format(Locale.ROOT, "%.0f", (at - started) / 1e6);
  }

  /** {@code GET zTOC of layer 4 of 5}, {@code GET layer 4 of 5, bytes 100-199}, else the method and path. */
  static String describe(LinkRelay.Exchange e, Map<String, String> names) {
    String path = e.path();
    int blob = path.indexOf("/blobs/");
    String what = blob >= 0 ? names.get(path.substring(blob + 7)) : null;
    if (what == null) {
      what = path.replaceAll("([0-9a-f]{12})[0-9a-f]{52}", "$1..."); // a digest's first 12 digits say enough
    }
    return e.method() + " " + what + (e.range() == null ? "" : ", bytes " + e.range());
  }

  /** A pull as Docker makes it: the manifest (the platform's, for an index), then config and layers. */
  private static Result pull(RegistryClient client, String ref, LinkRelay relay) throws Exception {
    long bytesBefore = relay == null ? 0 : relay.bytesDown();
    long started = System.nanoTime();
    ImageReference parsed = ImageReference.parse(ref);
    RemoteRepository repo = client.repository(parsed);
    OciDocument top = repo.manifest(parsed.manifestReference());
    ImageManifest manifest = top.isManifest() ? top.manifest()
        : ImageResolver.resolve(OpenedImage.open(ref, client).store(), top, ImageResolver.PlatformSelection.DEFAULT)
            .get(0).manifest().manifest();
    List<Descriptor> blobs = new ArrayList<>();
    blobs.add(manifest.config());
    blobs.addAll(manifest.layers());
    ExecutorService pool = Executors.newFixedThreadPool(3);
    long counted = 0;
    try {
      List<Future<Long>> done = new ArrayList<>();
      for (Descriptor d : blobs) {
        done.add(pool.submit(() -> {
          try (InputStream in = repo.openBlob(d.digest())) {
            return in.transferTo(OutputStream.nullOutputStream()); // digest verified at the end
          }
        }));
      }
      for (Future<Long> f : done) {
        counted += f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Result(seconds, relay == null ? counted : relay.bytesDown() - bytesBefore);
  }

}
