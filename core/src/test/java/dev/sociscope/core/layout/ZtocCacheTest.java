package dev.sociscope.core.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZtocCacheTest {
  @TempDir Path tmp;

  private static byte[] blob(char c, int size) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) c);
    return b;
  }

  private static Digest layer(String name) {
    return Digest.of(name.getBytes(StandardCharsets.UTF_8));
  }

  private static void age(ZtocCache cache, Digest d, long secondsAgo) throws Exception {
    Files.setLastModifiedTime(cache.store().blobPath(d), FileTime.from(Instant.now().minusSeconds(secondsAgo)));
  }

  @Test
  void clearingWaitsForAWriteAReadLeftInTheBackground() throws Exception {
    ZtocCache cache = new ZtocCache(tmp.resolve("bg"));
    byte[] lookup = "lookup".getBytes(StandardCharsets.UTF_8);
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    CacheWrites.later(() -> {
      started.countDown();
      try {
        Thread.sleep(300); // still writing when clear() is called
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      cache.putLookup(Digest.of(lookup), lookup);
    });
    started.await();
    cache.clear();
    assertThat(CacheWrites.await(java.time.Duration.ofSeconds(10))).isTrue();
    assertThat(cache.hasLookup(Digest.of(lookup))).as("written before the clear, so cleared").isFalse();
  }

  @Test
  void theLeastRecentlyUsedZtocGoesWhenTheLimitIsReached() throws Exception {
    ZtocCache cache = new ZtocCache(tmp.resolve("c"), 2500);
    byte[] a = blob('a', 1000);
    byte[] b = blob('b', 1000);
    cache.put(layer("A"), 65536, "t", Digest.of(a), a);
    cache.put(layer("B"), 65536, "t", Digest.of(b), b);
    age(cache, Digest.of(a), 300);
    age(cache, Digest.of(b), 200);
    // Using A makes B the least recently used one
    assertThat(cache.find(layer("A"), 65536, "t")).contains(Digest.of(a));

    byte[] c = blob('c', 1000);
    cache.put(layer("C"), 65536, "t", Digest.of(c), c);

    assertThat(cache.find(layer("B"), 65536, "t")).isEmpty();
    assertThat(cache.find(layer("A"), 65536, "t")).contains(Digest.of(a));
    assertThat(cache.find(layer("C"), 65536, "t")).contains(Digest.of(c));
    assertThat(cache.read(Digest.of(a))).isEqualTo(a);
  }

  @Test
  void usageAndClear() throws Exception {
    ZtocCache cache = new ZtocCache(tmp.resolve("c"));
    byte[] a = blob('a', 4096);
    cache.put(layer("A"), 65536, "t", Digest.of(a), a);
    cache.recordIndex(layer("image"), Digest.of(a));
    ZtocCache.Usage used = cache.usage();
    assertThat(used.bytes()).isGreaterThanOrEqualTo(4096);
    assertThat(used.files()).isGreaterThanOrEqualTo(3);

    cache.clear();

    assertThat(cache.find(layer("A"), 65536, "t")).isEmpty();
    assertThat(cache.indexesFor(layer("image"))).isEmpty();
    assertThat(cache.usage().bytes()).isLessThan(1000); // the empty layout's oci-layout and index.json
    byte[] again = blob('z', 10);
    cache.put(layer("Z"), 65536, "t", Digest.of(again), again); // still usable after clearing
    assertThat(cache.read(Digest.of(again))).isEqualTo(again);
  }

  @Test
  void trimToRemovesOldestFirstAndReportsBytes() throws Exception {
    ZtocCache cache = new ZtocCache(tmp.resolve("c"));
    byte[] a = blob('a', 100);
    byte[] b = blob('b', 100);
    cache.put(layer("A"), 1, "t", Digest.of(a), a);
    cache.put(layer("B"), 1, "t", Digest.of(b), b);
    age(cache, Digest.of(b), 100);
    assertThat(cache.trimTo(150)).isEqualTo(100);
    assertThat(cache.store().hasBlob(Digest.of(b))).isFalse();
    assertThat(cache.store().hasBlob(Digest.of(a))).isTrue();
  }

  @Test
  void aBlobBeingWrittenIsNeitherCountedNorRemovedByATrim() throws Exception {
    ZtocCache cache = new ZtocCache(tmp.resolve("c"));
    byte[] a = blob('a', 1000);
    cache.put(layer("A"), 65536, "t", Digest.of(a), a);
    // what a parallel build's write looks like until it is renamed into place
    Path writing = cache.store().blobPath(Digest.of(a)).resolveSibling(".0123abcd.tmp");
    Files.write(writing, blob('w', 5000));

    assertThat(cache.usage().bytes()).isLessThan(5000);
    cache.trimTo(0);
    assertThat(writing).exists();
    assertThat(cache.find(layer("A"), 65536, "t")).isEmpty();
  }

  @Test
  void parallelPutsSurviveTheTrimsTheyCause() throws Exception {
    ZtocCache cache = new ZtocCache(tmp.resolve("c"), 20_000);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<?>> puts = new java.util.ArrayList<>();
      for (int i = 0; i < 200; i++) {
        byte[] b = blob((char) ('a' + i % 26), 1000 + i);
        String name = "L" + i;
        puts.add(pool.submit(() -> {
          cache.put(layer(name), 65536, "t", Digest.of(b), b);
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : puts) {
        f.get(); // before the fix a trim's walk failed on a temporary file renamed away meanwhile
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(cache.trimTo(20_000)).as("the blobs are already within the limit").isZero();
  }

  @Test
  void lookupFilesAreCountedClearedAndEvictedWithTheBlobs() throws Exception {
    ZtocCache cache = new ZtocCache(tmp.resolve("c"), 2500);
    byte[] a = blob('a', 1000);
    cache.put(layer("A"), 65536, "t", Digest.of(a), a);
    ZtocCache.Usage before = cache.usage();
    cache.putLookup(Digest.of(a), blob('l', 700));
    assertThat(cache.hasLookup(Digest.of(a))).isTrue();
    assertThat(cache.readLookup(Digest.of(a))).hasValueSatisfying(b -> assertThat(b).hasSize(700));
    assertThat(cache.usage()).isEqualTo(new ZtocCache.Usage(before.bytes() + 700, before.files() + 1));
    // a lookup file being written (hidden temporary sibling) is neither counted nor trimmed
    Path writing = tmp.resolve("c/ztoc-lookup/.partial.tmp");
    Files.write(writing, blob('w', 5000));
    assertThat(cache.usage().bytes()).isEqualTo(before.bytes() + 700);
    assertThat(cache.trimTo(2500)).isZero();
    Files.delete(writing);

    // the lookup file is the least recently used: the next put evicts it rather than a newer zTOC
    Files.setLastModifiedTime(tmp.resolve("c/ztoc-lookup").resolve(Digest.of(a).hex()),
        FileTime.from(Instant.now().minusSeconds(500)));
    byte[] b = blob('b', 1000);
    cache.put(layer("B"), 65536, "t", Digest.of(b), b);
    assertThat(cache.hasLookup(Digest.of(a))).isFalse();
    assertThat(cache.readLookup(Digest.of(a))).isEmpty();
    assertThat(cache.find(layer("A"), 65536, "t")).contains(Digest.of(a));

    cache.putLookup(Digest.of(b), blob('m', 10));
    cache.clear();
    assertThat(cache.hasLookup(Digest.of(b))).isFalse();
    assertThat(cache.usage().bytes()).isLessThan(before.bytes());
    cache.putLookup(Digest.of(b), blob('m', 10)); // the folder is made again after a clear
    cache.deleteLookup(Digest.of(b));
    assertThat(cache.readLookup(Digest.of(b))).isEmpty();
  }
}
