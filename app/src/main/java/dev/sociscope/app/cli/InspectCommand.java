package dev.sociscope.app.cli;

import dev.sociscope.core.format.ByteSize;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.image.ImageLocation;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.ImageIndex;
import dev.sociscope.core.oci.ImageManifest;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.Platform;
import dev.sociscope.core.error.NotFoundException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sociscope inspect REF}: a manifest or index, its platforms and layers. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show an image's manifest or index: digest, media type, platforms, config and layers.")
final class InspectCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin RegistryOptions registry = new RegistryOptions();

  @Parameters(paramLabel = "REF",
      description = "host/repo[:tag][@digest], oci:PATH[:TAG], oci-archive:FILE[:TAG] or docker-archive:FILE")
  String ref;

  @Option(names = "--raw", description = "Print the manifest or index bytes exactly as stored.")
  boolean raw;

  @Option(names = {"-p", "--platform"}, paramLabel = "OS/ARCH[/VARIANT]", description = "For an index: show this platform's manifest.")
  String platform;

  @Option(names = "--json", description = "Print a JSON summary.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ImageLocation location = ImageLocation.parse(ref);
    PrintWriter out = spec.commandLine().getOut();
    try (ImageSource source = registry.stores(location).openSource(location)) {
      OciDocument top = source.manifest(location.reference());
      OciDocument doc = top;
      if (platform != null && top.isIndex()) {
        Platform wanted = Platform.parse(platform);
        Descriptor chosen = top.index().manifests().stream()
            .filter(d -> d.platform() != null && d.platform().matches(wanted)).findFirst()
            .orElseThrow(() -> new NotFoundException("No manifest for platform " + wanted.format() + " in " + ref
                + " (available: " + platforms(top.index()) + ")"));
        doc = source.manifest(chosen.digest().toString());
      }
      if (raw) {
        out.print(new String(doc.bytes(), StandardCharsets.UTF_8));
        out.flush();
        return 0;
      }
      if (json) {
        out.println(Json.write(summary(doc)));
      } else {
        print(out, location, doc);
      }
    }
    return 0;
  }

  private static String platforms(ImageIndex index) {
    List<String> names = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      if (d.platform() != null) {
        names.add(d.platform().format());
      }
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private static void print(PrintWriter out, ImageLocation location, OciDocument doc) {
    out.printf("Image:       %s%n", dev.sociscope.core.format.TerminalText.escape(String.valueOf(location)));
    out.printf("Digest:      %s%n", doc.digest());
    out.printf("Media type:  %s%n", dev.sociscope.core.format.TerminalText.escape(String.valueOf(doc.mediaType())));
    out.printf("Size:        %s%n", size(doc.size()));
    if (doc.isIndex()) {
      ImageIndex index = doc.index();
      if (!index.artifactType().isEmpty()) {
        out.printf("Artifact:    %s%n", dev.sociscope.core.format.TerminalText.escape(String.valueOf(index.artifactType())));
      }
      out.printf("Manifests:   %d%n", index.manifests().size());
      for (Descriptor d : index.manifests()) {
        String what = d.platform() != null ? d.platform().format()
            : !d.artifactType().isEmpty() ? d.artifactType() : "-";
        out.printf("  %-16s %s  %s  %s%n", dev.sociscope.core.format.TerminalText.escape(what), d.digest(), dev.sociscope.core.format.TerminalText.escape(String.valueOf(d.mediaType())), size(d.size()));
      }
      annotations(out, index.annotations());
    } else if (doc.isManifest()) {
      ImageManifest m = doc.manifest();
      if (!m.artifactType().isEmpty()) {
        out.printf("Artifact:    %s%n", dev.sociscope.core.format.TerminalText.escape(String.valueOf(m.artifactType())));
      }
      if (m.subject() != null) {
        out.printf("Subject:     %s (%s)%n", m.subject().digest(), dev.sociscope.core.format.TerminalText.escape(String.valueOf(m.subject().mediaType())));
      }
      out.printf("Config:      %s  %s  %s%n", m.config().digest(), dev.sociscope.core.format.TerminalText.escape(String.valueOf(m.config().mediaType())), size(m.config().size()));
      long total = m.layers().stream().mapToLong(Descriptor::size).sum();
      out.printf("Layers:      %d, %s in total%n", m.layers().size(), size(total));
      int i = 1;
      for (Descriptor layer : m.layers()) {
        out.printf("  %2d  %s  %s  %s%n", i++, layer.digest(), dev.sociscope.core.format.TerminalText.escape(String.valueOf(layer.mediaType())), size(layer.size()));
      }
      annotations(out, m.annotations());
    }
  }

  private static void annotations(PrintWriter out, Map<String, String> annotations) {
    if (!annotations.isEmpty()) {
      out.println("Annotations:");
      annotations.forEach((k, v) -> out.printf("  %s=%s%n", dev.sociscope.core.format.TerminalText.escape(k), dev.sociscope.core.format.TerminalText.escape(v)));
    }
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    return ByteSize.human(bytes) + " (" + bytes + " B)";
  }

  private static ObjectNode summary(OciDocument doc) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("digest", doc.digest().toString()).put("mediaType", doc.mediaType()).put("size", doc.size());
    if (doc.isIndex()) {
      ArrayNode manifests = root.putArray("manifests");
      for (Descriptor d : doc.index().manifests()) {
        ObjectNode n = descriptor(manifests.addObject(), d);
        if (d.platform() != null) {
          n.put("platform", d.platform().format());
        }
        if (!d.artifactType().isEmpty()) {
          n.put("artifactType", d.artifactType());
        }
      }
    } else if (doc.isManifest()) {
      ImageManifest m = doc.manifest();
      if (!m.artifactType().isEmpty()) {
        root.put("artifactType", m.artifactType());
      }
      if (m.subject() != null) {
        root.put("subject", m.subject().digest().toString());
      }
      descriptor(root.putObject("config"), m.config());
      ArrayNode layers = root.putArray("layers");
      for (Descriptor d : m.layers()) {
        descriptor(layers.addObject(), d);
      }
    }
    return root;
  }

  private static ObjectNode descriptor(ObjectNode n, Descriptor d) {
    return n.put("digest", d.digest().toString()).put("mediaType", d.mediaType()).put("size", d.size());
  }
}
