package dev.sociscope.app.cli;

import dev.sociscope.core.format.ByteSize;
import dev.sociscope.core.layout.ZtocCache;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sociscope cache info|clear}: the size of the zTOC/blob cache, and emptying it. */
@Command(name = "cache", mixinStandardHelpOptions = true,
    description = "Show or clear the local cache of built zTOCs and indexes ($XDG_CACHE_HOME/sociscope, else"
        + " ~/.cache/sociscope); the desktop inspector uses the same cache.",
    subcommands = {CacheCommand.Info.class, CacheCommand.Clear.class})
final class CacheCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing 'info' or 'clear'.");
  }

  /** The cache folder option shared by both subcommands. */
  static final class Folder {
    @Option(names = "--cache-dir", paramLabel = "DIR", description = "The cache folder (default: $XDG_CACHE_HOME/sociscope or ~/.cache/sociscope).")
    Path dir;

    ZtocCache open() throws java.io.IOException {
      return new ZtocCache(dir != null ? dir : ZtocCache.defaultDir());
    }
  }

  @Command(name = "info", mixinStandardHelpOptions = true, description = "Print the cache folder, size and limit.")
  static final class Info implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin Folder folder = new Folder();
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      ZtocCache cache = folder.open();
      ZtocCache.Usage u = cache.usage();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        com.fasterxml.jackson.databind.node.ObjectNode node = Json.object();
        node.put("dir", cache.dir().toString());
        node.put("bytes", u.bytes());
        node.put("files", u.files());
        node.put("limitBytes", cache.limit());
        out.println(Json.write(node));
      } else {
        out.println("folder  " + cache.dir());
        out.println("size    " + ByteSize.human(u.bytes()) + " in " + u.files() + " files");
        out.println("limit   " + ByteSize.human(cache.limit()) + " (least recently used zTOCs are removed first)");
      }
      return 0;
    }
  }

  @Command(name = "clear", mixinStandardHelpOptions = true,
      description = "Remove every cached zTOC and index (they are built or fetched again when needed).")
  static final class Clear implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin Folder folder = new Folder();

    @Override
    public Integer call() throws Exception {
      ZtocCache cache = folder.open();
      long before = cache.usage().bytes();
      cache.clear();
      long freed = Math.max(0, before - cache.usage().bytes());
      spec.commandLine().getOut().println("cleared " + cache.dir() + ": " + ByteSize.human(freed) + " freed");
      return 0;
    }
  }
}
