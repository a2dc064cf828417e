package dev.sociscope.app.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;
import java.util.function.Supplier;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads FXML with the message bundle and a controller factory, so controllers get their dependencies through
 * their constructors. An unregistered controller fails loudly instead of being created by reflection.
 */
public final class ViewLoader {
  private final Map<Class<?>, Supplier<?>> controllers;

  /** The root node and controller of one loaded view. */
  public record Loaded<C>(Parent root, C controller) {}

  public ViewLoader(Map<Class<?>, Supplier<?>> controllers) {
    this.controllers = Map.copyOf(controllers);
  }

  public <C> Loaded<C> load(FxmlView view) {
    URL url = ViewLoader.class.getResource(view.resource());
    if (url == null) {
      throw new IllegalStateException("FXML resource missing: " + view.resource());
    }
    FXMLLoader loader = new FXMLLoader(url, Messages.bundle());
    loader.setControllerFactory(this::controller);
    try {
      Parent root = loader.load();
      return new Loaded<>(root, loader.getController());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load " + view.resource(), e);
    }
  }

  private Object controller(Class<?> type) {
    Supplier<?> factory = controllers.get(type);
    if (factory == null) {
      throw new IllegalStateException("no controller factory registered for " + type.getName());
    }
    return factory.get();
  }
}
