package dev.sociscope.app.create;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.model.ActivityLog;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.service.CoreRegistryService;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.app.testing.DirectTaskRunner;
import dev.sociscope.app.testing.HeldTaskRunner;
import dev.sociscope.app.testing.RecordingDialogs;

import dev.sociscope.core.testing.MixedLayerImage;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's plan arrives off the FX thread: it starts only when the window shows (the window's scene is built on
 * a loader thread that binds to the view model), and a plan for options the user has since changed never replaces
 * the plan for the current ones, whatever order the answers arrive in.
 */
class WizardPlanOrderTest {
  @TempDir
  Path tmp;

  private CreateIndexViewModel wizard(TaskRunner tasks) throws Exception {
    Path layout = tmp.resolve("layout");
    if (!java.nio.file.Files.exists(layout)) {
      MixedLayerImage.write(layout);
    }
    RegistryConnection c = new RegistryConnection(new SavedRegistry("layout", "oci:" + layout,
        SavedRegistry.AuthMode.ANONYMOUS, "", false), "");
    CoreRegistryService service = new CoreRegistryService(new ActivityLog(Clock.systemUTC()), tmp.resolve("cache"));
    ImageDetails image = service.image(c, "layout", MixedLayerImage.FILES, null, Progress.NONE);
    return new CreateIndexViewModel(service, tasks, new RecordingDialogs(), c, "layout", MixedLayerImage.FILES,
        image, r -> { });
  }

  /** What the wizard says once the plan for a minimum layer size of {@code minMiB} arrived, planned alone. */
  private String estimateAlone(int minMiB) throws Exception {
    CreateIndexViewModel vm = wizard(new DirectTaskRunner());
    vm.minLayerMiBProperty().set(minMiB);
    return vm.estimateProperty().get();
  }

  @Test
  void theFirstPlanStartsWhenTheWindowShowsAndOnlyOnce() throws Exception {
    HeldTaskRunner tasks = new HeldTaskRunner();
    CreateIndexViewModel vm = wizard(tasks);
    assertThat(tasks.started()).as("no plan while the window is being built").isZero();
    assertThat(vm.estimateProperty().get()).isEqualTo(Messages.get("create.planning"));
    assertThat(vm.buildableProperty().get()).isFalse();

    vm.start();
    vm.start();
    assertThat(tasks.started()).isEqualTo(1);
    tasks.finish(0);
    assertThat(vm.estimateProperty().get()).isNotEqualTo(Messages.get("create.planning"));
  }

  @Test
  void anOlderPlanArrivingLastDoesNotReplaceTheNewerOne() throws Exception {
    String everyLayer = estimateAlone(0);
    String noLayer = estimateAlone(1000);
    assertThat(everyLayer).as("the two minimum sizes give different estimates").isNotEqualTo(noLayer);

    HeldTaskRunner tasks = new HeldTaskRunner();
    CreateIndexViewModel vm = wizard(tasks);
    vm.minLayerMiBProperty().set(0); // plan 0
    vm.minLayerMiBProperty().set(1000); // plan 1: nothing would be indexed
    vm.minLayerMiBProperty().set(0); // plan 2: the options now shown
    assertThat(tasks.started()).isEqualTo(3);

    tasks.finish(2);
    String current = vm.estimateProperty().get();
    assertThat(current).isEqualTo(everyLayer);
    tasks.finish(0);
    tasks.finish(1); // the stale plan that would index nothing comes last
    assertThat(vm.estimateProperty().get()).isEqualTo(current);
  }
}
