package dev.sociscope.core.workflow;

import dev.sociscope.core.layout.ZtocCache;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ImageManifest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciJson;
import dev.sociscope.core.oci.ReferrersIndex;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.registry.RetryPolicy;
import dev.sociscope.core.soci.SociAnnotations;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.testing.GoldenImage;
import dev.sociscope.core.testing.LocalRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push cut off by a registry crash (process killed mid-way, restarted on the same storage) leaves the image and the
 * other referrers intact, and a second push completes.
 */
class InterruptedPushIT {
  static final String SIGNATURE_TYPE = "application/vnd.example.signature.v1+json";
  LocalRegistry registry;
  volatile boolean killedMidUpload;
  @TempDir Path tmp;

  @BeforeEach
  void start() throws IOException {
    registry = LocalRegistry.start();
  }

  @AfterEach
  void stop() {
    if (registry != null) { // null when the test was skipped for a missing tool
      registry.close();
    }
  }

  @Test
  void registryKilledDuringZtocUpload() throws Exception {
    cutAndResume(line -> line.startsWith("pushing artifact") && !line.contains(SociAnnotations.EMPTY_JSON_DIGEST.hex()));
  }

  @Test
  void registryKilledBetweenIndexManifestAndFallbackTag() throws Exception {
    List<String> seen = new ArrayList<>();
    cutAndResume(line -> {
      seen.add(line);
      // the line after the index manifest PUT (the last "successfully pushed" follows the manifest)
      return line.startsWith("successfully pushed") && seen.stream().filter(l -> l.startsWith("pushing artifact"))
          .count() == seen.stream().filter(l -> l.startsWith("successfully pushed")).count() - 1;
    });
  }

  @Test
  void registryKilledInTheMiddleOfABlobUpload() throws Exception {
    cutAndResume(line -> false, true);
  }

  private void cutAndResume(Predicate<String> killWhen) throws Exception {
    cutAndResume(killWhen, false);
  }

  /** A store whose blob uploads kill the registry after 100 KiB of the largest zTOC were sent. */
  private OpenedImage.Store killingMidUpload(OpenedImage.Store store) {
    return new DelegatingStore(store, store) {
      @Override
      public void putBlob(Digest digest, BlobContent content) throws java.io.IOException {
        if (content.size() < 200_000) {
          super.putBlob(digest, content);
          return;
        }
        super.putBlob(digest, new BlobContent() {
          @Override
          public long size() {
            return content.size();
          }

          @Override
          public java.io.InputStream open(long offset) throws java.io.IOException {
            return new java.io.FilterInputStream(content.open(offset)) {
              long sent = offset;

              @Override
              public int read(byte[] b, int off, int len) throws java.io.IOException {
                if (sent > 100_000 && !killedMidUpload) {
                  killedMidUpload = true;
                  registry.stop();
                }
                int n = super.read(b, off, Math.min(len, 8192));
                sent += Math.max(n, 0);
                return n;
              }
            };
          }
        });
      }
    };
  }

  private void cutAndResume(Predicate<String> killWhen, boolean midUpload) throws Exception {
    Path layout = tmp.resolve("layout");
    Digest image = GoldenImage.writeLayout(layout, "v1");
    GoldenImage.push(layout, "v1", registry, "cut/app:v1");
    RegistryClient client = RegistryClient.builder().retry(new RetryPolicy(1, Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(100))).timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).build();
    SociService service = new SociService(client, new ZtocCache(tmp.resolve("cache")), 2);
    String ref = registry.ref("cut/app:v1");
    OpenedImage loc = service.open(ref);
    OciDocument imageBefore = loc.store().manifest("v1");

    // Another referrer (a signature) is listed in the fallback tag before the SOCI push.
    Descriptor signature = pushSignature(loc.store(), imageBefore);

    SociIndexOptions options = SociIndexOptions.defaults(SociVersion.V1).withSpanSize(1 << 20).withMinLayerSize(0);
    CreatedIndex ci = service.create(ref, SociService.CreateRequest.defaults().withOptions(options), null, null)
        .created().get(0);
    CreateListener killer = new CreateListener() {
      boolean killed;

      @Override
      public void message(String line) {
        if (!killed && killWhen.test(line)) {
          killed = true;
          registry.stop();
        }
      }
    };
    OpenedImage.Store pushTo = midUpload ? killingMidUpload(loc.store()) : loc.store();
    assertThatThrownBy(() -> new SociPusher(service.cache(), killer).push(ci, pushTo))
        .isInstanceOf(IOException.class);

    assertThat(killedMidUpload).isEqualTo(midUpload);
    registry.restart();
    OciDocument imageAfter = loc.store().manifest("v1");
    assertThat(imageAfter.bytes()).isEqualTo(imageBefore.bytes());
    for (Descriptor layer : imageAfter.manifest().layers()) {
      assertThat(loc.store().readBlob(layer.digest())).hasSize((int) layer.size());
    }
    List<Descriptor> referrers = referrers(loc.store(), image);
    assertThat(referrers).extracting(Descriptor::digest).contains(signature.digest());

    PushResult second = new SociPusher(service.cache(), null).push(ci, loc.store());
    assertThat(second.index().digest()).isEqualTo(ci.build().digest());
    assertThat(referrers(loc.store(), image)).extracting(Descriptor::digest)
        .containsExactly(signature.digest(), ci.build().digest());
    assertThat(service.discover(ref, ImageResolver.PlatformSelection.ALL).allIndexes())
        .extracting(f -> f.descriptor().digest()).containsExactly(ci.build().digest());
  }

  private static List<Descriptor> referrers(OpenedImage.Store store, Digest image) throws IOException {
    return store.manifest(ReferrersIndex.fallbackTag(image)).index().manifests();
  }

  /** A minimal signature-like artifact whose subject is the image, listed in the fallback tag. */
  private static Descriptor pushSignature(OpenedImage.Store store, OciDocument image) throws Exception {
    store.putBlob(SociAnnotations.EMPTY_JSON_DIGEST, BlobContent.ofBytes(SociAnnotations.EMPTY_JSON));
    Descriptor config = Descriptor.of(MediaType.OCI_EMPTY, SociAnnotations.EMPTY_JSON_DIGEST, 2);
    ImageManifest m = new ImageManifest(2, MediaType.OCI_MANIFEST, SIGNATURE_TYPE, config, List.of(config),
        image.descriptor().stripped(), Map.of("org.example.signed-by", "test"), Map.of());
    OciDocument doc = OciDocument.parse(OciJson.write(m), MediaType.OCI_MANIFEST);
    store.putManifest(doc, null);
    Descriptor referrer = ReferrersIndex.referrerDescriptor(doc);
    List<String> warnings = new ArrayList<>();
    SociPusher.updateFallbackTag(store, image.digest(), referrer, warnings);
    assertThat(warnings).isEmpty();
    return referrer;
  }

}
