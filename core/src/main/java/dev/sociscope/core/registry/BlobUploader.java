package dev.sociscope.core.registry;

import dev.sociscope.core.error.CancelledException;
import dev.sociscope.core.error.DigestMismatchException;
import dev.sociscope.core.image.BlobContent;
import org.apache.commons.io.input.BoundedInputStream;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.registry.auth.Scopes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blob upload in named steps (spec 7.7): {@link #exists} (HEAD), {@link #start} (POST, optionally a mount),
 * then either one {@code PUT ?digest=} with the whole body or {@code PATCH} chunks closed by an empty PUT. A chunk
 * cut off mid-way is resumed after asking the registry for the upload's offset ({@code GET <upload URL>}).
 */
final class BlobUploader {
  private static final Logger LOG = LoggerFactory.getLogger(BlobUploader.class);
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  private static final Pattern RANGE = Pattern.compile("(?:bytes=)?(\\d{1,18})-(\\d{1,18})");

  private final RemoteRepository repo;
  private final RegistryClient client;

  BlobUploader(RemoteRepository repo) {
    this.repo = repo;
    this.client = repo.client();
  }

  /** Uploads unless the blob exists; returns true when it was mounted from {@code mountFrom}. */
  boolean upload(Digest digest, BlobContent content, String mountFrom) throws IOException {
    if (exists(digest)) {
      LOG.debug("Blob {} already in {}", digest, repo.describe());
      return false;
    }
    int attempts = 0;
    while (true) {
      Session session = start(digest, mountFrom);
      if (session == null) {
        LOG.info("Mounted blob {} into {} from {}", digest, repo.describe(), mountFrom);
        return true;
      }
      try {
        if (content.size() <= client.monolithicLimit()) {
          putWhole(session, digest, content);
        } else {
          putChunked(session, digest, content);
        }
        return false;
      } catch (RegistryException e) {
        // A monolithic PUT cut off mid-way cannot continue: start a new upload session, a bounded number of times.
        if (e.getCause() == null || !(e.getCause() instanceof IOException)
            || ++attempts > client.retryPolicy().maxRetries()) {
          throw e;
        }
        LOG.info("Upload of {} to {} failed ({}); starting over", digest, repo.describe(), e.getMessage());
        mountFrom = null;
      }
    }
  }

  boolean exists(Digest digest) throws IOException {
    return repo.headBlob(digest).isPresent();
  }

  /** An open upload: its latest URL and the minimum chunk length the registry asked for. */
  private static final class Session {
    HttpUrl location;
    long minChunk;

    Session(HttpUrl location, long minChunk) {
      this.location = location;
      this.minChunk = minChunk;
    }
  }

  /** POST; returns null when a mount succeeded (201), else the session to write to. */
  private Session start(Digest digest, String mountFrom) throws IOException {
    HttpUrl.Builder url = repo.url("blobs", "uploads").newBuilder().addPathSegment("");
    List<String> scopes = new ArrayList<>(repo.push());
    String action = "start an upload of blob " + digest + " to " + repo.describe();
    if (mountFrom != null) {
      url.addQueryParameter("mount", digest.toString()).addQueryParameter("from", mountFrom);
      scopes.add(Scopes.pull(mountFrom));
      action = "mount blob " + digest + " from " + mountFrom + " into " + repo.describe();
    }
    RegistryRequest req = new RegistryRequest("POST", url.build(), Headers.of(), null, scopes, action, true);
    try (Response r = client.send(req, repo.cancellation())) {
      if (r.code() == 201 && mountFrom != null) {
        return null;
      }
      if (r.code() != 202) {
        throw client.failure(r, action);
      }
      long minChunk = 0;
      String min = r.header("OCI-Chunk-Min-Length");
      if (min != null) {
        try {
          minChunk = Long.parseLong(min.trim());
        } catch (NumberFormatException e) {
          LOG.debug("Ignoring bad OCI-Chunk-Min-Length '{}'", min);
        }
      }
      return new Session(location(r, action), minChunk);
    }
  }

  private void putWhole(Session session, Digest digest, BlobContent content) throws IOException {
    HttpUrl url = session.location.newBuilder().addQueryParameter("digest", digest.toString()).build();
    String action = "upload blob " + digest + " (" + content.size() + " bytes) to " + repo.describe();
    RegistryRequest req = new RegistryRequest("PUT", url, Headers.of(), body(content, 0, content.size()),
        repo.push(), action, false);
    try (Response r = client.send(req, repo.cancellation())) {
      if (r.code() != 201) {
        throw client.failure(r, action);
      }
      checkDigest(r, digest, action);
    }
  }

  private void putChunked(Session session, Digest digest, BlobContent content) throws IOException {
    long size = content.size();
    long chunk = Math.max(client.chunkSize(), session.minChunk);
    long offset = 0;
    int resumes = 0;
    int stalls = 0;
    String action = "upload blob " + digest + " (" + size + " bytes, in chunks) to " + repo.describe();
    while (offset < size) {
      long before = offset;
      long length = Math.min(chunk, size - offset);
      long last = offset + length - 1;
      Headers headers = Headers.of("Content-Range", offset + "-" + last);
      RegistryRequest req = new RegistryRequest("PATCH", session.location, headers, body(content, offset, length),
          repo.push(), action, false);
      try (Response r = client.send(req, repo.cancellation())) {
        if (r.code() == 416) {
          offset = currentOffset(session, action);
        } else if (r.code() != 202) {
          throw client.failure(r, action);
        } else {
          session.location = location(r, action);
          offset = last + 1;
          Long confirmed = rangeEnd(r.header("Range"));
          if (confirmed != null && confirmed + 1 != offset) {
            offset = confirmed + 1; // the registry kept less than we sent: continue from what it has
          }
        }
      } catch (RegistryException e) {
        if (!(e.getCause() instanceof IOException)
            || resumes >= client.retryPolicy().maxRetries()) {
          throw e;
        }
        resumes++;
        client.backOff(client.retryPolicy().backoff(resumes - 1), repo.url(), repo.cancellation(), action);
        offset = currentOffset(session, action);
        LOG.info("Chunk upload of {} was cut off; the registry has {} bytes, continuing from there", digest, offset);
      }
      stalls = checkProgress(before, offset, size, stalls, action);
    }
    HttpUrl url = session.location.newBuilder().addQueryParameter("digest", digest.toString()).build();
    RegistryRequest close = new RegistryRequest("PUT", url, Headers.of(), null, repo.push(),
        "finish the upload of blob " + digest + " to " + repo.describe(), true);
    try (Response r = client.send(close, repo.cancellation())) {
      if (r.code() != 201) {
        throw client.failure(r, close.action());
      }
      checkDigest(r, digest, close.action());
    }
  }

  /**
   * A registry that keeps answering {@code Range: 0-0} or 416 would have the upload resend the same bytes forever:
   * the offset must move forward, or the upload fails after the retry policy's number of attempts. An offset past
   * the blob's end is refused at once.
   *
   * @return the number of attempts in a row that did not advance
   */
  private int checkProgress(long before, long offset, long size, int stalls, String action) throws IOException {
    if (offset > size || offset < 0) {
      throw new RegistryException("Tried to " + action + " but the registry reports " + offset
          + " bytes received, which does not fit a blob of " + size + " bytes");
    }
    if (offset > before) {
      return 0;
    }
    int now = stalls + 1;
    if (now > client.retryPolicy().maxRetries()) {
      throw new RegistryException("Tried to " + action + " but the registry did not take any bytes past byte "
          + before + " after " + now + " attempts in a row; giving up");
    }
    LOG.info("Upload of {} did not advance past byte {} (attempt {}); retrying", repo.describe(), before, now);
    client.backOff(client.retryPolicy().backoff(now - 1), repo.url(), repo.cancellation(), action);
    return now;
  }

  /** {@code GET <upload URL>} → 204 with {@code Range: 0-N}: the next byte to send is N+1. */
  private long currentOffset(Session session, String action) throws IOException {
    RegistryRequest req = RegistryRequest.get(session.location, repo.push(), "ask for the offset to " + action);
    try (Response r = client.send(req, repo.cancellation())) {
      if (r.code() != 204 && r.code() != 200) {
        throw client.failure(r, req.action());
      }
      if (r.header("Location") != null) {
        session.location = location(r, action);
      }
      Long end = rangeEnd(r.header("Range"));
      return end == null ? 0 : end + 1;
    }
  }

  private static Long rangeEnd(String range) {
    if (range == null) {
      return null;
    }
    Matcher m = RANGE.matcher(range.trim());
    if (!m.matches()) {
      return null;
    }
    long start = Long.parseLong(m.group(1));
    long end = Long.parseLong(m.group(2));
    // "0-0" is what registries send for an empty upload as well as for one byte; treat it as empty.
    return start == 0 && end == 0 ? -1L : end;
  }

  private static HttpUrl location(Response r, String action) throws RegistryException {
    String location = r.header("Location");
    HttpUrl url = location == null ? null : r.request().url().resolve(location);
    if (url == null) {
      throw new RegistryException("Tried to " + action + " but the registry sent no usable upload Location");
    }
    return url;
  }

  private static void checkDigest(Response r, Digest digest, String action) throws IOException {
    String announced = r.header("Docker-Content-Digest");
    if (announced != null && announced.startsWith("sha256:") && !announced.equals(digest.toString())) {
      throw new DigestMismatchException("Tried to " + action + " but the registry stored " + announced);
    }
  }

  /** A request body over [offset, offset+length) of the content, opened fresh for each attempt. */
  private static Supplier<RequestBody> body(BlobContent content, long offset, long length) {
    return () -> new RequestBody() {
      @Override
      public MediaType contentType() {
        return OCTET_STREAM;
      }

      @Override
      public long contentLength() {
        return length;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        try (InputStream in = BoundedInputStream.builder().setInputStream(content.open(offset)).setMaxCount(length).get();
            Source source = Okio.source(in)) {
          long written = sink.writeAll(source);
          if (written != length) {
            throw new IOException("blob content ended after " + written + " of " + length + " bytes");
          }
        }
      }
    };
  }
}
