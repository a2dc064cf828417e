package dev.sociscope.core.testing;

import dev.sociscope.core.layout.CacheWrites;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every test (core's and app's; registered for all through the service file and the poms' autodetection setting)
 * ends only when the cache writes its reads left in the background are done: otherwise one could still be writing
 * into the test's temporary folder while JUnit removes it.
 */
public final class CacheWritesFinish implements AfterEachCallback, AfterAllCallback {
  @Override
  public void afterEach(ExtensionContext context) {
    CacheWrites.await(Duration.ofSeconds(60));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    CacheWrites.await(Duration.ofSeconds(60));
  }
}
