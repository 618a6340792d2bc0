package io.strata.platform.ingest;

import io.strata.auth.signing.RequestSigner;
import io.strata.ingest.archive.ImportSource;
import io.strata.platform.DataDirOption;
import io.strata.platform.Environment;
import io.strata.platform.Printer;
import io.strata.platform.runtime.RuntimeFile;
import io.strata.platform.signing.AppCredentialsOptions;
import io.strata.platform.up.DefaultApp;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code strata ingest <dir|archive>}: uploads a directory or an archive of images, with their Pascal VOC / COCO
 * annotations as labels, through the upload gateway. See docs/ingest.md.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Upload a directory, .zip, .tar, .tar.gz or .tgz of images (JPEG, PNG, GIF, BMP, WebP) and "
        + "make labels from its Pascal VOC XML and COCO JSON annotations.",
        "Signs with the default app that ./strata up created, unless --app-key and --app-secret are given. "
            + "Exits 1 when any image, label or annotation was refused, after importing everything else."})
public final class IngestCommand implements Callable<Integer> {

  static final String DEFAULT_GATEWAY = "http://localhost:8082";

  @Mixin
  DataDirOption dataDir = new DataDirOption();

  @Parameters(index = "0", paramLabel = "DIR|ARCHIVE", description = "What to import")
  Path source;

  @Option(names = "--gateway-url", paramLabel = "URL",
      description = "The upload gateway; default: the one ./strata up runs for --data-dir, else " + DEFAULT_GATEWAY)
  String gatewayUrl;

  @Mixin
  AppCredentialsOptions credentials = new AppCredentialsOptions();

  @Option(names = "--dataset", paramLabel = "NAME", description = "Dataset hint recorded on every sample and label")
  String dataset;

  @Option(names = "--tags", paramLabel = "A,B", description = "Tags recorded on every sample")
  String tags;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
      description = "Uploads in flight (1 to 64), default ${DEFAULT-VALUE}")
  int concurrency;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var printer = new Printer(spec.commandLine().getOut(), spec.commandLine().getErr());
    var environment = Environment.system();
    Path directory = dataDir.resolve(environment);
    RequestSigner signer = credentials.signer(directory, environment);
    String url = gatewayUrl != null ? gatewayUrl : new RuntimeFile(directory).url("gateway").orElse(DEFAULT_GATEWAY);
    ImportSource importSource = ImportSource.of(source);
    boolean terminal = System.console() != null;
    var progress = new Progress(terminal ? spec.commandLine().getErr() : spec.commandLine().getOut(), terminal);
    var ingest = new Ingest(new GatewayClient(url, signer), progress, concurrency, dataset, tags);
    IngestSummary summary;
    try {
      summary = ingest.run(importSource);
    } catch (Ingest.AppRefusedException e) {
      printer.error("strata ingest: " + e.getMessage() + ". Check --app-key/--app-secret (or "
          + DefaultApp.file(directory) + ") and that the app is not blocked.");
      return 1;
    }
    summary.print(printer, source.toString());
    if (summary.incomplete()) {
      printer.error("strata ingest: some files, labels or annotations were not imported (listed above); fix them "
          + "and run the same command again: known images and labels already imported are not duplicated.");
      return 1;
    }
    return 0;
  }
}
