package dev.sociscope.core.benchmark;

import dev.sociscope.core.workflow.ImageCopier;
import dev.sociscope.core.layout.LocalImageSource;
import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.image.ImageReference;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.testing.LocalRegistry;
import dev.sociscope.core.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: compares sociscope's image copy with skopeo's on the same machine and prints time ratios, for a pull
 * (registry A to a new layout) and a push (that layout to a new repository on registry B, which has never seen the
 * blobs, so skopeo cannot mount them from a cache either). One layer of incompressible data.
 *
 * <p>Run: {@code mvn -q -o -pl core test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * -Dmdep.includeScope=test && java -cp core/target/test-classes:core/target/classes:$(cat /tmp/cp.txt)
 * dev.sociscope.core.benchmark.CopyBenchmark [MiB]}
 */
public final class CopyBenchmark {
  private CopyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 48;
    int rounds = 4;
    Path dir = Files.createTempDirectory("sociscope-bench-");
    byte[] payload = new byte[mib * 3 / 4 << 20];
    new Random(1).nextBytes(payload);
    try (LocalRegistry a = LocalRegistry.start(); LocalRegistry b = LocalRegistry.start()) {
      // base64 of random bytes: gzip shrinks it to about 3/4, so the layer is about {@code mib} MiB.
      TestImages.BuiltImage image = TestImages.singlePlatform(dir.resolve("src"), "v1",
          Map.of("big.txt", Base64.getEncoder().encodeToString(payload)));
      TestImages.push(image, a, "bench/src:v1");
      long layer = image.manifests().get(0).layers().get(0).size();
      RegistryClient client = RegistryClient.builder().build();
      double[] ours = new double[2];
      double[] theirs = new double[2];
      for (int round = 0; round < rounds; round++) {
        Path oursDir = dir.resolve("ours" + round);
        long t0 = System.nanoTime();
        try (OciLayout layout = OciLayout.openOrCreate(oursDir)) {
          copier().copy(client.repository(ImageReference.parse(a.ref("bench/src"))), "v1", layout, "v1", null);
        }
        long t1 = System.nanoTime();
        try (LocalImageSource layout = LocalImageSource.openLayout(oursDir)) {
          copier().copy(layout, "v1", client.repository(ImageReference.parse(b.ref("bench/ours" + round))), "v1", null);
        }
        long t2 = System.nanoTime();
        Path theirsDir = dir.resolve("theirs" + round);
        TestImages.run("skopeo", "copy", "--quiet", "--src-tls-verify=false", "docker://" + a.ref("bench/src:v1"),
            "oci:" + theirsDir + ":v1");
        long t3 = System.nanoTime();
        TestImages.run("skopeo", "copy", "--quiet", "--dest-tls-verify=false", "oci:" + oursDir + ":v1",
            "docker://" + b.ref("bench/theirs" + round + ":v1"));
        long t4 = System.nanoTime();
        if (round > 0) { // round 0 warms up the JVM and the page cache
          ours[0] += (t1 - t0) / 1e9;
          ours[1] += (t2 - t1) / 1e9;
          theirs[0] += (t3 - t2) / 1e9;
          theirs[1] += (t4 - t3) / 1e9;
        }
      }
      int n = rounds - 1;
      System.out.printf(Locale.ROOT, "one layer of %.1f MiB, mean of %d rounds after a warm-up%n", layer / 1048576.0, n);
      System.out.printf(Locale.ROOT, "pull: sociscope %.2f s, skopeo %.2f s, ratio %.2f%n", ours[0] / n, theirs[0] / n,
          ours[0] / theirs[0]);
      System.out.printf(Locale.ROOT, "push: sociscope %.2f s, skopeo %.2f s, ratio %.2f%n", ours[1] / n, theirs[1] / n,
          ours[1] / theirs[1]);
    } finally {
      TestImages.run("rm", "-rf", dir.toString());
    }
  }

  private static ImageCopier copier() {
    return new ImageCopier(Cancellation.NONE, ImageCopier.Listener.NONE);
  }
}
