package dev.sociscope.app.testing;

/**
 * Core's check that every test ends only when its background cache writes are done, run with app's tests: the
 * extension reaches them through core's test jar and the poms' autodetection setting.
 */
class CacheWritesFinishTest extends dev.sociscope.core.testing.CacheWritesFinishTest {}
