package io.strata.platform.predict;

import io.strata.platform.DataDirOption;
import io.strata.platform.Environment;
import io.strata.platform.Printer;
import io.strata.platform.runtime.RuntimeFile;
import io.strata.platform.signing.AppCredentialsOptions;
import io.strata.platform.signing.SignedHttpClient;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code strata predict --model NAME FILE|DIR ...}: one signed {@code POST /v1/models/{name}/predict} per image,
 * printing the class, the confidence and the model version that answered. Exits 1 when any call was refused,
 * after trying every file.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Classify images with a model of the app's tenant through the serving API (docs/serving.md).",
        "Signs with the default app that ./strata up created, unless --app-key and --app-secret are given. "
            + "Exits 1 when any image was refused, after trying every other one."})
public final class PredictCommand implements Callable<Integer> {

  static final String DEFAULT_SERVING = "http://localhost:8086";
  /** The component name {@code up} gives the serving service in {@code strata.json}. */
  public static final String SERVING = "serving";

  @Mixin
  DataDirOption dataDir = new DataDirOption();

  @Mixin
  AppCredentialsOptions credentials = new AppCredentialsOptions();

  @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Images, or directories of images (not recursive)")
  List<Path> sources = new ArrayList<>();

  @Option(names = "--model", required = true, paramLabel = "NAME", description = "The model's name")
  String model;

  @ArgGroup(exclusive = true)
  Route route;

  @Option(names = "--serving-url", paramLabel = "URL",
      description = "The serving API; default: the one ./strata up runs for --data-dir, else " + DEFAULT_SERVING)
  String servingUrl;

  @Spec
  CommandSpec spec;

  /** Which version answers: the one in a stage (PRODUCTION by default), or a fixed version. */
  static final class Route {
    @Option(names = "--stage", paramLabel = "STAGE", description = "PRODUCTION (default) or STAGING")
    String stage;

    @Option(names = "--version", paramLabel = "N", description = "A fixed version instead of a stage")
    Integer version;
  }

  @Override
  public Integer call() throws Exception {
    var printer = new Printer(spec.commandLine().getOut(), spec.commandLine().getErr());
    var environment = Environment.system();
    Path directory = dataDir.resolve(environment);
    String url = servingUrl != null ? servingUrl : new RuntimeFile(directory).url(SERVING).orElse(DEFAULT_SERVING);
    var client = new SignedHttpClient("the serving API", url, credentials.signer(directory, environment));
    List<Path> images = images();
    if (images.isEmpty()) {
      printer.error("strata predict: no files in " + sources);
      return 1;
    }
    int refused = 0;
    for (Path image : images) {
      var answer = client.send("POST", path(), Files.readAllBytes(image), "application/octet-stream");
      if (answer.status() == 200) {
        var body = answer.body();
        printer.line("%-32s %-12s %.3f  (%s v%d%s)", image.getFileName(), body.path("predictedClass").asText(),
            body.path("confidence").asDouble(), body.path("model").asText(model), body.path("version").asInt(),
            body.hasNonNull("stage") ? ", " + body.path("stage").asText() : "");
      } else {
        refused++;
        printer.line("%-32s refused: %d %s %s", image.getFileName(), answer.status(), answer.code(),
            answer.message());
      }
    }
    if (refused > 0) {
      printer.error("strata predict: " + refused + " of " + images.size() + " images were refused (listed above)");
      return 1;
    }
    return 0;
  }

  private String path() {
    String base = "/v1/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8)
        .replace("+", "%20") + "/predict";
    if (route != null && route.version != null) {
      return base + "?version=" + route.version;
    }
    if (route != null && route.stage != null) {
      return base + "?stage=" + route.stage.toUpperCase(Locale.ROOT);
    }
    return base;
  }

  private List<Path> images() throws IOException {
    var images = new ArrayList<Path>();
    for (Path source : sources) {
      if (Files.isDirectory(source)) {
        try (Stream<Path> files = Files.list(source)) {
          files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted()
              .forEach(images::add);
        }
      } else if (Files.isRegularFile(source)) {
        images.add(source);
      } else {
        throw new IllegalArgumentException("No such file or directory: " + source);
      }
    }
    return images;
  }
}
