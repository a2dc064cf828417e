package dev.sociscope.app.common;

/** The FXML files of the app, so code never spells a resource path. */
public enum FxmlView {
  MAIN("/dev/sociscope/app/gui/MainView.fxml"),
  DOCUMENT("/dev/sociscope/app/gui/DocumentView.fxml"),
  ACTIVITY("/dev/sociscope/app/activity/ActivityView.fxml"),
  SOURCES("/dev/sociscope/app/sources/SourcesView.fxml"),
  FILE_TREE("/dev/sociscope/app/ztoc/FileTreeView.fxml"),
  SPAN_MAP("/dev/sociscope/app/ztoc/SpanMapView.fxml"),
  DETAILS("/dev/sociscope/app/ztoc/DetailsView.fxml"),
  PREVIEW("/dev/sociscope/app/preview/PreviewView.fxml"),
  REGISTRY("/dev/sociscope/app/browse/RegistryView.fxml"),
  CREATE_INDEX("/dev/sociscope/app/create/CreateIndexView.fxml");

  private final String resource;

  FxmlView(String resource) {
    this.resource = resource;
  }

  public String resource() {
    return resource;
  }
}
