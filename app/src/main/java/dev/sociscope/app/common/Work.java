package dev.sociscope.app.common;

/** A unit of background work that returns a value. */
@FunctionalInterface
public interface Work<T> {
  T call(Progress progress) throws Exception;
}
