package dev.sociscope.app.gui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The desktop inspector's JavaFX application. */
public final class SociscopeApp extends Application {

  public static void launchGui(String[] args) {
    Application.launch(SociscopeApp.class, args);
  }

  @Override
  public void start(Stage stage) {
    BorderPane root = new BorderPane(new Label("sociscope"));
    stage.setTitle("sociscope");
    stage.setScene(new Scene(root, 1200, 800));
    StartupSmokeTest.attach(stage);
    stage.show();
  }
}
