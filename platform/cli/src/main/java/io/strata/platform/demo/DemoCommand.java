package io.strata.platform.demo;

import io.strata.platform.Environment;
import io.strata.platform.Printer;
import io.strata.platform.runtime.ModuleProcess;
import io.strata.platform.runtime.RuntimeFile;
import io.strata.platform.up.Platform;
import io.strata.platform.up.PlatformSecrets;
import io.strata.platform.up.Up;
import io.strata.platform.up.UpOptions;
import io.strata.platform.up.UpSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code strata demo}: the main job of the platform, step by step, against a running {@code strata up} on the same
 * data directory, or against a platform it starts itself (and stops at the end unless {@code --keep-running}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"The guided demo: a tenant and app, a few hundred generated images (some refused), labels from a "
        + "Pascal VOC archive, a dataset version, CPU training, model publish and promote, lineage SQL.",
        "Uses a running './strata up' on the same --data-dir, or starts one (stopped at the end unless --keep-running)."})
public final class DemoCommand implements Callable<Integer> {

  @Mixin
  UpOptions options = new UpOptions();

  @Option(names = "--images", paramLabel = "N", defaultValue = "600",
      description = "How many shape images to generate and upload (default ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "20",
      description = "Training epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "Seed of the generated images.")
  long seed;

  @Option(names = "--keep-running", description = "Keep the platform the demo started running after the demo.")
  boolean keepRunning;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    var printer = new Printer(spec.commandLine().getOut(), spec.commandLine().getErr());
    if (images < 30 || images > 100_000) {
      printer.error("--images must be between 30 and 100000, got " + images);
      return 2;
    }
    Environment environment = Environment.system();
    UpSettings settings = options.resolve(environment);
    Optional<RuntimeFile.Content> running = new RuntimeFile(settings.dataDirectory()).read()
        .filter(content -> ProcessHandle.of(content.pid()).map(ProcessHandle::isAlive).orElse(false));
    Platform started = null;
    Thread stopOnExit = null;
    DemoEndpoints endpoints;
    if (running.isPresent()) {
      printer.line("Using the Strata already running on %s (pid %d)", settings.dataDirectory(), running.get().pid());
      endpoints = DemoEndpoints.of(settings.dataDirectory(), running.get().components(),
          adminToken(settings));
    } else {
      started = Up.start(settings, printer);
      Platform platform = started;
      stopOnExit = new Thread(platform::close, "strata-demo-shutdown");
      Runtime.getRuntime().addShutdownHook(stopOnExit);
      endpoints = DemoEndpoints.of(settings.dataDirectory(), platform.components(), adminToken(settings));
    }
    int exit;
    try {
      exit = new Demo(endpoints, printer, ModuleProcess.home(environment.variables()), environment, images, epochs,
          seed, Instant.now()).run();
    } finally {
      if (started != null && !keepRunning) {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        printer.line("Stopping the platform the demo started (--keep-running keeps it) ...");
        started.close();
      }
    }
    if (started != null && keepRunning) {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
      printer.line("The platform keeps running. Press Ctrl-C to stop.");
      Up.hold(started, printer);
    }
    return exit;
  }

  private static String adminToken(UpSettings settings) {
    try {
      return Files.readString(PlatformSecrets.adminTokenFile(settings.dataDirectory())).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the admin token " + PlatformSecrets.adminTokenFile(
          settings.dataDirectory()) + "; is this the data directory of the running Strata?", e);
    }
  }
}
