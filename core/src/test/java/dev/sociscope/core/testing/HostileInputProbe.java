package dev.sociscope.core.testing;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.sociscope.core.build.ZtocBuilder;
import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.gzip.GzipInflater;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.registry.auth.AuthChallenge;
import dev.sociscope.core.registry.auth.RegistryAuthenticator;
import dev.sociscope.core.soci.PrefetchArtifact;
import dev.sociscope.core.soci.SociIndex;
import dev.sociscope.core.ztoc.GzipZinfo;
import dev.sociscope.core.ztoc.ZtocReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Run in a JVM with a small heap ({@code -Xmx256m}, see {@link HostileInputMemoryTest}): feeds every parser of
 * outside data a 20 MB hostile input and prints one line per case ({@code name <tab> outcome <tab> ms}). Exits 1 when
 * any case ends in anything but a result or a typed error, including {@code OutOfMemoryError}, or takes longer than
 * {@link #MAX_MILLIS}.
 */
public final class HostileInputProbe {
  static final int SIZE = 20 << 20;
  static final long MAX_MILLIS = 20_000;

  private HostileInputProbe() {}

  /** One parser run on one input. */
  interface Case {
    void run(byte[] input) throws Exception;
  }

  public static void main(String[] args) {
    Map<String, Map.Entry<Supplier<byte[]>, Case>> cases = new LinkedHashMap<>();
    cases.put("ztoc: 5M entries sharing one table", Map.entry(HostileInputProbe::ztocSharedEntries,
        ZtocReader::readWithZinfo));
    cases.put("ztoc: checkpoint blob of 640 windows", Map.entry(HostileInputProbe::checkpointBlob,
        b -> GzipZinfo.decode(b, Long.MAX_VALUE, Long.MAX_VALUE)));
    cases.put("oci: manifest with 140k layers", Map.entry(() -> manifest("application/vnd.oci.image.layer.v1.tar"),
        b -> OciDocument.parse(b)));
    cases.put("oci: arrays nested 10M deep", Map.entry(() -> repeat("[", SIZE), b -> OciDocument.parse(b)));
    cases.put("oci: one 20 MB annotation", Map.entry(HostileInputProbe::longAnnotation, b -> OciDocument.parse(b)));
    cases.put("soci: index with 140k zTOCs", Map.entry(() -> manifest("application/octet-stream"),
        SociIndex::parse));
    cases.put("prefetch: 600k span ranges", Map.entry(HostileInputProbe::prefetch, PrefetchArtifact::parse));
    cases.put("tar: 40k entries", Map.entry(HostileInputProbe::manyTarEntries,
        b -> new ZtocBuilder(ZtocBuilder.Options.defaults()).build(new ByteArrayInputStream(b))));
    cases.put("gzip: 20 MB of garbage after a header", Map.entry(HostileInputProbe::gzipGarbage,
        HostileInputProbe::inflateAll));
    cases.put("gzip: block starts searched in 20 MB of garbage", Map.entry(HostileInputProbe::gzipGarbage,
        HostileInputProbe::inflateFromBlockStarts));
    cases.put("www-authenticate: 3M parameters", Map.entry(() -> repeat("a=b,", SIZE / 4),
        b -> AuthChallenge.parse("Bearer " + new String(b, StandardCharsets.ISO_8859_1))));
    cases.put("link: 20 MB header", Map.entry(() -> repeat("<a>; rel=x, ", SIZE / 12), HostileInputProbe::link));
    cases.put("token: 20 MB answer", Map.entry(HostileInputProbe::tokenAnswer, HostileInputProbe::token));

    boolean ok = true;
    for (Map.Entry<String, Map.Entry<Supplier<byte[]>, Case>> c : cases.entrySet()) {
      byte[] input = c.getValue().getKey().get();
      long start = System.nanoTime();
      String outcome;
      boolean good;
      try {
        c.getValue().getValue().run(input);
        outcome = "read";
        good = true;
      } catch (SociscopeException e) {
        outcome = "typed error: " + e.getMessage();
        good = e.getMessage() != null && e.getMessage().indexOf('\n') < 0;
      } catch (Throwable t) {
        outcome = "FAILED: " + t;
        good = false;
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      input = null;
      good &= ms <= MAX_MILLIS;
      ok &= good;
      String shown = outcome.length() > 160 ? outcome.substring(0, 160) + "..." : outcome;
      System.out.println(c.getKey() + "\t" + (good ? "" : "NOT OK ") + shown + "\t" + ms + " ms");
      System.gc();
    }
    System.out.println("max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
    System.exit(ok ? 0 : 1);
  }

  private static byte[] repeat(String s, int times) {
    return s.repeat(times).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A zTOC whose metadata vector holds 5M offsets to one and the same FileMetadata table. */
  private static byte[] ztocSharedEntries() {
    FlatBufferBuilder b = new FlatBufferBuilder(SIZE + 1024);
    int name = b.createString("usr/lib/x86_64-linux-gnu/libsomething.so.1.2.3");
    int type = b.createString("reg");
    b.startTable(14);
    b.addOffset(0, name, 0);
    b.addOffset(1, type, 0);
    b.addLong(2, 512, 0);
    int entry = b.endTable();
    int count = (SIZE - 4096) / 4;
    b.startVector(4, count, 4);
    for (int i = 0; i < count; i++) {
      b.addOffset(entry);
    }
    int vector = b.endVector();
    b.startTable(1);
    b.addOffset(0, vector, 0);
    int toc = b.endTable();
    b.startTable(4);
    int info = b.endTable();
    b.startTable(6);
    b.addLong(2, 1 << 20, 0);
    b.addLong(3, 1 << 20, 0);
    b.addOffset(4, toc, 0);
    b.addOffset(5, info, 0);
    b.finish(b.endTable());
    return b.sizedByteArray();
  }

  private static byte[] checkpointBlob() {
    int n = SIZE / GzipZinfo.RECORD_SIZE;
    ByteBuffer buf = ByteBuffer.allocate(GzipZinfo.HEADER_SIZE + n * GzipZinfo.RECORD_SIZE)
        .order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(n).putLong(1 << 16);
    for (int i = 0; i < n; i++) {
      buf.putLong(10L + i * 1000L).putLong(i * 65536L).put((byte) 0);
      buf.position(buf.position() + 32768);
    }
    return buf.array();
  }

  private static byte[] manifest(String layerType) {
    StringBuilder sb = new StringBuilder(SIZE + 1024).append("{\"schemaVersion\":2,\"mediaType\":")
        .append("\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":")
        .append("\"application/vnd.amazon.soci.index.v2+json\",\"digest\":\"sha256:")
        .append("a".repeat(64)).append("\",\"size\":2},\"layers\":[");
    String layer = "{\"mediaType\":\"" + layerType + "\",\"digest\":\"sha256:" + "b".repeat(64)
        + "\",\"size\":123456,\"annotations\":{\"com.amazon.soci.image-layer-digest\":\"sha256:" + "c".repeat(64)
        + "\"}},";
    while (sb.length() + layer.length() < SIZE) {
      sb.append(layer);
    }
    sb.setLength(sb.length() - 1);
    return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] longAnnotation() {
    String head = "{\"schemaVersion\":2,\"manifests\":[],\"annotations\":{\"x\":\"";
    return (head + "y".repeat(SIZE - head.length() - 4) + "\"}}").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] prefetch() {
    StringBuilder sb = new StringBuilder(SIZE + 64).append("{\"version\":\"1.0\",\"prefetch_spans\":[");
    for (int i = 0; sb.length() < SIZE; i++) {
      sb.append("{\"start_span\":").append(i).append(",\"end_span\":").append(i).append("},");
    }
    sb.setLength(sb.length() - 1);
    return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] manyTarEntries() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(SIZE + 1024);
    byte[] header = new byte[512];
    for (int i = 0; out.size() < SIZE; i++) {
      java.util.Arrays.fill(header, (byte) 0);
      byte[] name = ("dir/entry-" + i).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(name, 0, header, 0, name.length);
      put(header, 100, "0000644\0");
      put(header, 124, "00000000000\0");
      put(header, 136, "14400000000\0");
      header[156] = '0';
      put(header, 257, "ustar\0" + "00");
      java.util.Arrays.fill(header, 148, 156, (byte) ' ');
      int sum = 0;
      for (byte x : header) {
        sum += x & 0xFF;
      }
      put(header, 148, String.format("%06o\0 ", sum));
      out.writeBytes(header);
    }
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void put(byte[] block, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, block, at, b.length);
  }

  private static byte[] gzipGarbage() {
    byte[] out = new byte[SIZE];
    new Random(14).nextBytes(out);
    byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    System.arraycopy(header, 0, out, 0, header.length);
    return out;
  }

  private static void inflateAll(byte[] input) throws Exception {
    try (GzipInflater in = GzipInflater.gzip(new ByteArrayInputStream(input))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  /** As a read from inside a span searches: every block start found, each inflated with a stand-in window. */
  private static void inflateFromBlockStarts(byte[] input) throws Exception {
    dev.sociscope.core.gzip.BlockFinder finder = new dev.sociscope.core.gzip.BlockFinder(input, input.length);
    for (long bit = finder.next(0); bit >= 0; bit = finder.next(bit + 1)) {
      int first = (int) (bit >>> 3);
      try (GzipInflater in = GzipInflater.resumeAtBit(new ByteArrayInputStream(input, first, input.length - first),
          bit - first * 8L, 0, new byte[GzipInflater.WINDOW_SIZE])) {
        in.skip(64 << 20);
      } catch (dev.sociscope.core.gzip.GzipFormatException e) {
        // typed: this start was not one
      }
    }
  }

  private static void link(byte[] input) throws Exception {
    // the public parser every listing uses (Pagination adds only the same-origin rule)
    dev.sociscope.core.registry.LinkHeader.next(List.of(new String(input, StandardCharsets.ISO_8859_1)));
  }

  private static byte[] tokenAnswer() {
    String head = "{\"expires_in\":300,\"token\":\"";
    return (head + "t".repeat(SIZE - head.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  /** The real token path: a 401 challenge, then a token server whose answer is the input. */
  private static void token(byte[] input) throws Exception {
    RegistryAuthenticator auth = new RegistryAuthenticator(host -> Optional.empty(),
        request -> new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(200).message("OK")
            .body(ResponseBody.create(input, MediaType.get("application/json"))).build(),
        Clock.systemUTC(), "sociscope-probe");
    auth.onUnauthorized("registry.example.com",
        List.of("Bearer realm=\"" + HttpUrl.get("https://auth.example.com/token") + "\",service=\"r\""),
        List.of("repository:a/b:pull"), null);
    auth.authorizationFor("registry.example.com", List.of("repository:a/b:pull"));
  }
}
