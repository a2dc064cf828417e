package dev.sociscope.app.sources;

import dev.sociscope.app.common.Messages;
import dev.sociscope.app.ztoc.DocumentOpener;
import dev.sociscope.app.settings.AppSettings;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.app.settings.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The sources sidebar: the demo, recently opened zTOCs and saved registries. */
public final class SourcesViewModel {
  private final AppSettings settings;
  private final DocumentOpener opener;
  private final ObservableList<SourceItem> items = FXCollections.observableArrayList();

  /** What opening a registry line does (connect and show the registry browser). */
  public interface RegistryOpener {
    void open(SavedRegistry registry);

    void add();

    /** Opens an image folder ({@code folder}) or archive chosen by the user. */
    void addLocal(boolean folder);

    /** Opens the demo image (generated on first use). */
    void openDemoImage();
  }

  private final RegistryOpener registries;

  public SourcesViewModel(AppSettings settings, DocumentOpener opener, RegistryOpener registries) {
    this.settings = settings;
    this.opener = opener;
    this.registries = registries;
    settings.property().addListener((o, a, b) -> rebuild(b));
    rebuild(settings.get());
  }

  public ObservableList<SourceItem> items() {
    return items;
  }

  private void rebuild(Settings s) {
    List<SourceItem> out = new ArrayList<>();
    out.add(section("sources.section.demo"));
    out.add(new SourceItem(SourceItem.Kind.DEMO_IMAGE, Messages.get("sources.demoImage"),
        Messages.get("sources.demoImage.detail"), ""));
    out.add(new SourceItem(SourceItem.Kind.DEMO, Messages.get("sources.demo"), Messages.get("sources.demo.detail"),
        ""));
    out.add(section("sources.section.local"));
    if (s.recentZtocs().isEmpty()) {
      out.add(new SourceItem(SourceItem.Kind.HINT, Messages.get("sources.local.none"), "", ""));
    }
    for (String p : s.recentZtocs()) {
      Path path = Path.of(p);
      String parent = path.getParent() == null ? "" : path.getParent().toString();
      out.add(new SourceItem(SourceItem.Kind.RECENT_ZTOC, String.valueOf(path.getFileName()), parent, p));
    }
    out.add(section("sources.section.images"));
    for (SavedRegistry r : s.registries()) {
      if (isLocal(r) && !r.name().equals(Messages.get("registry.demo.name"))) {
        out.add(new SourceItem(SourceItem.Kind.LOCAL_IMAGE, r.name(), r.url().substring(r.url().indexOf(':') + 1),
            r.url()));
      }
    }
    out.add(new SourceItem(SourceItem.Kind.ADD_LOCAL_FOLDER, Messages.get("sources.images.folder"),
        Messages.get("sources.images.folderDetail"), ""));
    out.add(new SourceItem(SourceItem.Kind.ADD_LOCAL_ARCHIVE, Messages.get("sources.images.archive"),
        Messages.get("sources.images.archiveDetail"), ""));
    out.add(section("sources.section.registries"));
    for (SavedRegistry r : s.registries()) {
      if (!isLocal(r)) {
        out.add(new SourceItem(SourceItem.Kind.REGISTRY, r.name(), r.url(), r.url()));
      }
    }
    out.add(new SourceItem(SourceItem.Kind.ADD_REGISTRY, Messages.get("sources.registries.add"),
        Messages.get("sources.registries.addDetail"), ""));
    items.setAll(out);
  }

  private static boolean isLocal(SavedRegistry r) {
    return new dev.sociscope.app.model.RegistryConnection(r, "").isLocal();
  }

  private static SourceItem section(String key) {
    return new SourceItem(SourceItem.Kind.SECTION, Messages.get(key), "", "");
  }

  /** Opens what the item stands for. */
  public void activate(SourceItem item) {
    if (item == null) {
      return;
    }
    switch (item.kind()) {
      case DEMO_IMAGE:
        registries.openDemoImage();
        break;
      case DEMO:
        opener.openDemo();
        break;
      case RECENT_ZTOC:
        opener.open(Path.of(item.target()), Optional.empty());
        break;
      case ADD_LOCAL_FOLDER:
        registries.addLocal(true);
        break;
      case ADD_LOCAL_ARCHIVE:
        registries.addLocal(false);
        break;
      case LOCAL_IMAGE:
      case REGISTRY:
        settings.get().registries().stream().filter(r -> r.url().equals(item.target())).findFirst()
            .ifPresent(registries::open);
        break;
      case ADD_REGISTRY:
        registries.add();
        break;
      default:
        break;
    }
  }

  /** The context menu's "forget" words for an item, naming what it is; empty when the item cannot be forgotten. */
  public static java.util.Optional<String> forgetText(SourceItem item) {
    String key = switch (item.kind()) {
      case RECENT_ZTOC -> "sources.forget";
      case REGISTRY -> "sources.forgetRegistry";
      case LOCAL_IMAGE -> "sources.forgetImage";
      default -> null;
    };
    return key == null ? java.util.Optional.empty() : java.util.Optional.of(dev.sociscope.app.common.Messages.get(key));
  }

  /** Forgets a recent zTOC or a saved registry. */
  public void remove(SourceItem item) {
    if (item != null && (item.kind() == SourceItem.Kind.REGISTRY || item.kind() == SourceItem.Kind.LOCAL_IMAGE)) {
      settings.update(s -> s.withRegistries(s.registries().stream().filter(r -> !r.url().equals(item.target()))
          .toList()));
    }
    if (item != null && item.kind() == SourceItem.Kind.RECENT_ZTOC) {
      settings.update(s -> new Settings(s.window(), s.theme(), s.activityVisible(), s.registries(),
          s.recentZtocs().stream().filter(p -> !p.equals(item.target())).toList(), s.dividers()));
    }
  }
}
