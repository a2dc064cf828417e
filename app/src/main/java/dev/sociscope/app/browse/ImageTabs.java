package dev.sociscope.app.browse;

import dev.sociscope.app.common.DialogService;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.compare.CompareViewModel;
import dev.sociscope.app.files.ImageFilesViewModel;
import dev.sociscope.app.health.HealthViewModel;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.profile.ProfileViewModel;
import dev.sociscope.app.service.RegistryService;

/**
 * The view models of the image view's tabs and windows (Files, Profile, Health, Compare): made together, and told
 * together when another image is shown, since what they showed belonged to the old one.
 */
record ImageTabs(ImageFilesViewModel files, ProfileViewModel profile, HealthViewModel health,
    CompareViewModel compare) {

  static ImageTabs create(RegistryService service, TaskRunner tasks, DialogService dialogs) {
    ImageTabs tabs = new ImageTabs(new ImageFilesViewModel(service, tasks, dialogs), new ProfileViewModel(service,
        tasks, dialogs), new HealthViewModel(service, tasks), new CompareViewModel(service, tasks));
    tabs.files().setOnAddToProfile(tabs.profile()::addPaths);
    return tabs;
  }

  void show(RegistryConnection c, String repository, ImageDetails image) {
    files.clear();
    health.show(c, repository, image);
    profile.show(c, repository, image);
  }
}
