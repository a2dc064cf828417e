package dev.sociscope.core.registry;

import dev.sociscope.core.image.ByteRange;
import dev.sociscope.core.oci.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several ranges of a blob in one request, as the runtime fetcher does (spec 6.4): {@code Range: bytes=a-b,c-d}
 * answered by {@code 206 multipart/byteranges}, a {@code 206} single part covering them, or {@code 200} with the
 * whole blob. A {@code 400} on the multi-range request switches to one covering range.
 */
final class MultiRangeReader {
  private static final Logger LOG = LoggerFactory.getLogger(MultiRangeReader.class);
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
  /** Bigger answers than this (a server ignoring Range on a huge blob) are not buffered. */
  private static final long MAX_BUFFER = 256L << 20;

  private final RemoteRepository repo;

  MultiRangeReader(RemoteRepository repo) {
    this.repo = repo;
  }

  private record Part(long start, byte[] bytes) {
    boolean covers(ByteRange r) {
      return r.offset() >= start && r.end() <= start + bytes.length;
    }

    byte[] slice(ByteRange r) {
      int from = (int) (r.offset() - start);
      byte[] out = new byte[(int) r.length()];
      System.arraycopy(bytes, from, out, 0, out.length);
      return out;
    }
  }

  List<byte[]> read(Digest digest, List<ByteRange> ranges) throws IOException {
    if (ranges.isEmpty()) {
      return List.of();
    }
    for (ByteRange r : ranges) {
      if (r.length() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("range too large to read into memory: " + r);
      }
    }
    String action = "read " + ranges.size() + " ranges of blob " + repo.describe() + "@" + digest;
    List<String> parts = new ArrayList<>();
    for (ByteRange r : ranges) {
      parts.add(r.httpForm());
    }
    List<Part> received = fetch(digest, "bytes=" + String.join(",", parts), action);
    if (received == null) {
      // 400: the server refuses multi-range requests; ask for one range covering all.
      long from = ranges.stream().mapToLong(ByteRange::offset).min().orElseThrow();
      long to = ranges.stream().mapToLong(ByteRange::end).max().orElseThrow();
      LOG.debug("Registry refused a multi-range request; reading {}-{} instead", from, to - 1);
      received = fetch(digest, "bytes=" + new ByteRange(from, to - from).httpForm(), action);
      if (received == null) {
        throw new RegistryErrorException("Tried to " + action + " but the registry refused the range (HTTP 400)",
            400, List.of());
      }
    }
    List<byte[]> out = new ArrayList<>();
    for (ByteRange r : ranges) {
      Part covering = null;
      for (Part p : received) {
        if (p.covers(r)) {
          covering = p;
          break;
        }
      }
      if (covering == null) {
        throw new RegistryException("Tried to " + action + " but the answer did not contain bytes " + r.httpForm());
      }
      out.add(covering.slice(r));
    }
    return out;
  }

  /** The parts of the answer, or null on 400. */
  private List<Part> fetch(Digest digest, String rangeHeader, String action) throws IOException {
    Headers headers = Headers.of("Range", rangeHeader, "Accept-Encoding", "identity");
    RegistryRequest req = RegistryRequest.get(repo.url("blobs", digest.toString()), repo.pull(), action)
        .withHeaders(headers);
    try (Response r = repo.client().send(req, repo.cancellation())) {
      if (r.code() == 400) {
        return null;
      }
      if (r.code() == 416) {
        throw new RegistryException("Tried to " + action + " but a range is beyond the end of the blob (HTTP 416)");
      }
      if (!r.isSuccessful()) {
        throw repo.client().failure(r, action);
      }
      BufferedSource body = r.body().source();
      if (r.code() == 200) {
        LOG.debug("Registry ignored Range for {}; reading the whole blob", repo.describe());
        return List.of(new Part(0, readUpTo(body, r.body().contentLength(), action)));
      }
      String contentType = String.valueOf(r.header("Content-Type")).toLowerCase(Locale.ROOT);
      if (contentType.startsWith("multipart/byteranges")) {
        Matcher b = BOUNDARY.matcher(r.header("Content-Type"));
        if (!b.find()) {
          throw new RegistryException("Tried to " + action + " but the multipart answer names no boundary");
        }
        return multipart(body, b.group(1), action);
      }
      Matcher m = CONTENT_RANGE.matcher(String.valueOf(r.header("Content-Range")));
      if (!m.find()) {
        throw new RegistryException("Tried to " + action + " but the 206 answer has no usable Content-Range");
      }
      long start = Long.parseLong(m.group(1));
      long length = Long.parseLong(m.group(2)) - start + 1;
      return List.of(new Part(start, readExactly(body, length, action)));
    }
  }

  private static List<Part> multipart(BufferedSource body, String boundary, String action) throws IOException {
    String delimiter = "--" + boundary;
    List<Part> parts = new ArrayList<>();
    while (true) {
      String line = body.readUtf8Line();
      if (line == null) {
        throw new RegistryException("Tried to " + action + " but the multipart answer ended without its closing line");
      }
      line = line.strip();
      if (line.equals(delimiter + "--")) {
        return parts;
      }
      if (!line.equals(delimiter)) {
        continue; // preamble or the CRLF after a part
      }
      Long start = null;
      Long end = null;
      for (String header = body.readUtf8Line(); header != null && !header.isEmpty(); header = body.readUtf8Line()) {
        int colon = header.indexOf(':');
        if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("Content-Range")) {
          Matcher m = CONTENT_RANGE.matcher(header.substring(colon + 1).trim());
          if (m.find()) {
            start = Long.parseLong(m.group(1));
            end = Long.parseLong(m.group(2));
          }
        }
      }
      if (start == null || end < start) {
        throw new RegistryException("Tried to " + action + " but a multipart part has no usable Content-Range");
      }
      parts.add(new Part(start, readExactly(body, end - start + 1, action)));
    }
  }

  private static byte[] readExactly(BufferedSource body, long length, String action) throws IOException {
    if (length > MAX_BUFFER) {
      throw new RegistryException("Tried to " + action + " but the answer part is " + length + " bytes");
    }
    try {
      return body.readByteArray(length);
    } catch (java.io.EOFException e) {
      throw new RegistryException("Tried to " + action + " but the answer ended early", e);
    }
  }

  private static byte[] readUpTo(BufferedSource body, long contentLength, String action) throws IOException {
    if (contentLength > MAX_BUFFER) {
      throw new RegistryException("Tried to " + action + " but the registry ignored Range and sends the whole "
          + contentLength + "-byte blob");
    }
    byte[] bytes = body.inputStream().readNBytes((int) MAX_BUFFER + 1);
    if (bytes.length > MAX_BUFFER) {
      throw new RegistryException("Tried to " + action + " but the registry ignored Range on a large blob");
    }
    return bytes;
  }
}
