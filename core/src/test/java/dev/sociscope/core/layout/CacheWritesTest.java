package dev.sociscope.core.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CacheWritesTest {

  @Test
  void writesRunInOrderOffTheCallersThreadAndAwaitWaitsForThem() throws Exception {
    List<String> done = new CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    Thread caller = Thread.currentThread();
    CacheWrites.later(() -> {
      assertThat(Thread.currentThread()).isNotSameAs(caller);
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      done.add("first");
    });
    CacheWrites.later(() -> done.add("second"));
    assertThat(done).isEmpty(); // the caller went on while the first write waits
    assertThat(CacheWrites.await(Duration.ofMillis(100))).isFalse(); // not done in time: says so
    release.countDown();
    assertThat(CacheWrites.await(Duration.ofSeconds(10))).isTrue();
    assertThat(done).containsExactly("first", "second");
  }

  @Test
  void aFailedWriteIsDroppedAndTheNextOneStillRuns() {
    List<String> done = new CopyOnWriteArrayList<>();
    CacheWrites.later(() -> {
      throw new IOException("disk full");
    });
    CacheWrites.later(() -> {
      throw new IllegalStateException("bug");
    });
    CacheWrites.later(() -> done.add("after"));
    assertThat(CacheWrites.await(Duration.ofSeconds(10))).isTrue();
    assertThat(done).containsExactly("after");
  }
}
