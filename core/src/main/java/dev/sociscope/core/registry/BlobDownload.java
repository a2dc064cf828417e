package dev.sociscope.core.registry;

import dev.sociscope.core.error.CancelledException;
import dev.sociscope.core.error.DigestMismatchException;
import dev.sociscope.core.image.ReceivedBytes;
import dev.sociscope.core.io.ChunkInputStream;
import dev.sociscope.core.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blob reads: whole blobs (streamed, digest verified at the end) and byte ranges ({@code 206}, or {@code 200}
 * when a server ignores {@code Range}: then we skip to the offset ourselves). A connection cut mid-body is resumed
 * with a {@code Range} request from the first byte not yet delivered, never from zero.
 */
final class BlobDownload {
  private static final Logger LOG = LoggerFactory.getLogger(BlobDownload.class);
  /** Registries already warned about in this process: the warning that ranges are ignored is given once each. */
  private static final Set<String> WARNED_NO_RANGES = ConcurrentHashMap.newKeySet();
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");

  private BlobDownload() {}
  // Content-Range numbers are limited to 18 digits, so parsing them cannot overflow a long.

  static InputStream open(RemoteRepository repo, Digest digest) throws IOException {
    return new ResumingStream(repo, digest, 0, -1, true);
  }

  static InputStream openRange(RemoteRepository repo, Digest digest, long offset, long length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative range: offset " + offset + ", length " + length);
    }
    if (length == 0) {
      return InputStream.nullInputStream();
    }
    return new ResumingStream(repo, digest, offset, Math.addExact(offset, length), false);
  }

  /** The blob size from a 2-byte ranged GET (for registries that refuse HEAD). */
  static Optional<Long> sizeByRangedGet(RemoteRepository repo, Digest digest) throws IOException {
    String action = "get the size of blob " + repo.describe() + "@" + digest;
    RegistryRequest req = RegistryRequest.get(repo.url("blobs", digest.toString()), repo.pull(), action)
        .withHeaders(Headers.of("Range", "bytes=0-1", "Accept-Encoding", "identity"));
    try (Response r = repo.client().send(req, repo.cancellation())) {
      if (r.code() == 404) {
        return Optional.empty();
      }
      if (r.code() == 206) {
        Matcher m = CONTENT_RANGE.matcher(String.valueOf(r.header("Content-Range")));
        if (m.find() && !m.group(3).equals("*")) {
          return Optional.of(Long.parseLong(m.group(3)));
        }
      }
      if (r.code() == 200 && r.body().contentLength() >= 0) {
        return Optional.of(r.body().contentLength());
      }
      throw repo.client().failure(r, action);
    }
  }

  /** Streams [start, end) of a blob (end = -1: to the end), reconnecting where a cut connection left off. */
  private static final class ResumingStream extends ChunkInputStream implements ReceivedBytes {
    private final RemoteRepository repo;
    private final Digest digest;
    private final long start;
    private final long end;
    private final MessageDigest hash;
    private final String action;
    private Response response;
    private InputStream in;
    private long position;
    private long total = -1;
    private int resumes;
    private boolean finished;
    private long received;
    private boolean rangeIgnored;

    ResumingStream(RemoteRepository repo, Digest digest, long start, long end, boolean verify) throws IOException {
      this.repo = repo;
      this.digest = digest;
      this.start = start;
      this.end = end;
      this.position = start;
      this.hash = verify ? Digest.sha256() : null;
      this.action = (end < 0 ? "get blob " : "read bytes " + start + "-" + (end - 1) + " of blob ")
          + repo.describe() + "@" + digest;
      connect();
    }

    private void connect() throws IOException {
      Headers.Builder headers = new Headers.Builder().add("Accept-Encoding", "identity");
      boolean ranged = position > 0 || end >= 0;
      if (ranged) {
        headers.add("Range", "bytes=" + position + "-" + (end >= 0 ? Long.toString(end - 1) : ""));
      }
      HttpUrl registryUrl = repo.url("blobs", digest.toString());
      // Ranged reads go straight to the blob's final location once a redirect revealed it (spec 6.4).
      HttpUrl cached = ranged ? repo.blobLocations().get(digest) : null;
      Response r;
      if (cached != null) {
        r = repo.client().send(RegistryRequest.get(cached, repo.pull(), action).withHeaders(headers.build()),
            repo.cancellation());
        if (r.code() == 401 || r.code() == 403 || r.code() == 404) {
          // A pre-signed URL expired: go back to the registry for a fresh one.
          r.close();
          repo.blobLocations().remove(digest, cached);
          cached = null;
        }
      } else {
        r = null;
      }
      if (cached == null) {
        r = repo.client().send(RegistryRequest.get(registryUrl, repo.pull(), action).withHeaders(headers.build()),
            repo.cancellation());
        HttpUrl finalUrl = r.request().url();
        if (ranged && r.isSuccessful() && !finalUrl.equals(registryUrl)) {
          repo.blobLocations().put(digest, finalUrl);
        }
      }
      try {
        if (r.code() == 416) {
          throw new RegistryException("Tried to " + action + " but the range is beyond the end of the blob (HTTP 416"
              + (r.header("Content-Range") != null ? ", " + r.header("Content-Range") : "") + ")");
        }
        if (!r.isSuccessful()) {
          throw repo.client().failure(r, action);
        }
        InputStream body = r.body().byteStream();
        if (r.code() == 206) {
          Matcher m = CONTENT_RANGE.matcher(String.valueOf(r.header("Content-Range")));
          if (!m.find() || Long.parseLong(m.group(1)) != position) {
            throw new RegistryException("Tried to " + action + " from byte " + position
                + " but the registry answered with Content-Range '" + r.header("Content-Range") + "'");
          }
          if (!m.group(3).equals("*")) {
            total = Long.parseLong(m.group(3));
          }
        } else {
          // 200: the whole blob. Either no range was asked for, or the server ignored it and we skip ourselves.
          total = r.body().contentLength();
          if (ranged) {
            rangeIgnored = true;
            String registry = repo.reference().registry();
            if (WARNED_NO_RANGES.add(registry)) {
              LOG.warn("Registry {} does not support range requests (it answered a range request with the whole"
                  + " blob): lazy reads from it download every layer from its start", registry);
            }
            body.skipNBytes(position);
            received += position; // they arrived, and count as fetched
          }
        }
        response = r;
        in = body;
      } catch (IOException | RuntimeException e) {
        r.close();
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (finished) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      if (end >= 0) {
        if (position >= end) {
          finish();
          return -1;
        }
        len = (int) Math.min(len, end - position);
      }
      while (true) {
        int n;
        try {
          n = in.read(b, off, len);
        } catch (IOException e) {
          resumeAfter(e);
          continue;
        }
        if (n < 0) {
          if (total >= 0 && position < (end >= 0 ? end : total)) {
            resumeAfter(new IOException("the body ended early at byte " + position + " of " + total));
            continue;
          }
          finish();
          return -1;
        }
        if (hash != null) {
          hash.update(b, off, n);
        }
        position += n;
        received += n;
        return n;
      }
    }

    private void resumeAfter(IOException cause) throws IOException {
      closeResponse();
      if (repo.cancellation().isCancelled()) {
        throw new CancelledException(action);
      }
      RetryPolicy retry = repo.client().retryPolicy();
      if (resumes >= retry.maxRetries()) {
        throw new RegistryException("Tried to " + action + " but the connection broke after "
            + (position - start) + " bytes, " + resumes + " resumes: " + RegistryClient.describe(cause), cause);
      }
      repo.client().backOff(retry.backoff(resumes), repo.url(), repo.cancellation(), action);
      resumes++;
      LOG.info("Connection broke while trying to {} ({}); resuming at byte {}", action,
          RegistryClient.describe(cause), position);
      connect();
    }

    private void finish() throws IOException {
      if (finished) {
        return;
      }
      finished = true;
      closeResponse();
      if (hash != null) {
        Digest actual = Digest.fromHash(hash.digest());
        if (!actual.equals(digest)) {
          throw new DigestMismatchException("Blob " + repo.describe() + "@" + digest, digest, actual);
        }
      }
    }

    @Override
    public long bytesReceived() {
      return received;
    }

    @Override
    public boolean rangeIgnored() {
      return rangeIgnored;
    }

    @Override
    public void close() {
      finished = true;
      closeResponse();
    }

    private void closeResponse() {
      if (response != null) {
        response.close();
        response = null;
      }
    }
  }
}
