package dev.sociscope.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.layout.CacheWrites;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every test of a module ends only when the cache writes it left in the background are done
 * (dev.sociscope.core.testing.CacheWritesFinish, found through its service file): the first test leaves a slow
 * write, the second finds it done.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class CacheWritesFinishTest { // app runs it too, as a subclass
  private static final AtomicBoolean WRITTEN = new AtomicBoolean();

  @Test
  @Order(1)
  public void leavesASlowWrite() {
    CacheWrites.later(() -> {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      WRITTEN.set(true);
    });
    assertThat(WRITTEN).isFalse();
  }

  @Test
  @Order(2)
  public void findsItDone() {
    assertThat(WRITTEN).as("the write left by the test before").isTrue();
  }
}
