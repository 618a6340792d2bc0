package io.strata.platform.demo;

import io.strata.platform.Environment;
import io.strata.platform.Printer;
import io.strata.platform.sql.LakehouseProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The guided demo's main job, from a new tenant to the lineage of the model it trains. */
final class Demo {

  private final DemoEndpoints endpoints;
  private final Printer printer;
  private final Path home;
  private final Environment environment;
  private final int images;
  private final int epochs;
  private final long seed;
  private final DemoRun run;

  Demo(DemoEndpoints endpoints, Printer printer, Path home, Environment environment, int images, int epochs, long seed,
      Instant now) {
    this.endpoints = endpoints;
    this.printer = printer;
    this.home = home;
    this.environment = environment;
    this.images = images;
    this.epochs = epochs;
    this.seed = seed;
    this.run = new DemoRun(endpoints, printer, now);
  }

  /** Runs every step; returns 0, or fails with the step's error. */
  int run() throws IOException, InterruptedException {
    Instant start = Instant.now();
    var app = run.tenantAndApp();

    run.step("Generate " + images + " shape images with Pascal VOC annotations, and " + DemoImages.BAD_FILES.size()
        + " bad files");
    var generated = DemoImages.generate(home, endpoints.dataDirectory().resolve("demo"), images, seed);
    printer.line("  %d images in %s, annotations zipped in %s", generated.imageCount(), generated.images(),
        generated.archive());

    DemoUploads.uploadImages(run, printer, endpoints, app, generated);
    DemoUploads.importLabels(run, printer, endpoints, app, generated);

    var version = run.datasetVersion();
    var job = run.train(version, epochs);
    int modelVersion = run.publishAndPromote(job.path("jobId").asText());
    DemoServing.classify(run, printer, endpoints, app, home, seed);
    lineage(modelVersion);

    printer.line("");
    printer.line("Done in %s.", Duration.between(start, Instant.now()).withNanos(0).toString().substring(2).toLowerCase());
    printer.line("Operator console: %s/console/models/%s/%s (sign in with the admin token in %s)",
        endpoints.registryUrl(), DemoRun.TENANT, DemoRun.MODEL,
        endpoints.dataDirectory().resolve("secrets").resolve("admin-token"));
    printer.line("Try, on the same data directory:");
    for (String query : exampleQueries(modelVersion)) {
      printer.line("  ./strata sql \"%s\"", query);
    }
    endpoints.sqlUrl().ifPresent(url -> printer.line("BI tools and beeline: %s (beeline -u %s)", url, url));
    return 0;
  }

  /** Lineage from the model back to the uploads, in Spark SQL over the lakehouse. */
  private void lineage(int modelVersion) throws IOException, InterruptedException {
    run.step("Lineage in SQL: model version -> training job -> dataset version -> labels -> uploaded samples");
    String where = " WHERE tenantId = '" + DemoRun.TENANT + "' AND modelName = '" + DemoRun.MODEL
        + "' AND modelVersion = " + modelVersion;
    List<String> queries = List.of(
        "SELECT modelName, modelVersion, jobId, jobPolicy, datasetId, datasetVersion, datasetItemCount, "
            + "datasetContentHash FROM model_lineage" + where,
        "SELECT split, itemClassLabel, annotatorType, count(DISTINCT sampleId) AS samples, "
            + "count(DISTINCT uploadEventId) AS uploads FROM model_training_samples" + where
            + " GROUP BY split, itemClassLabel, annotatorType ORDER BY split, itemClassLabel");
    Path file = endpoints.dataDirectory().resolve("demo").resolve("lineage.sql");
    Files.writeString(file, String.join(";\n", queries) + ";\n");
    queries.forEach(query -> printer.line("  %s;", query));
    // The sink commits every 2 s and the model version was published before training's end was awaited, so its
    // rows are in the lakehouse by the time Spark has started.
    Path output = file.resolveSibling("lineage.out");
    Files.deleteIfExists(output);
    var sql = LakehouseProcesses.process(environment, LakehouseProcesses.SQL_MAIN, endpoints.dataDirectory(),
        List.of("--file", file.toString())).logTo(output).build();
    int exit = sql.run();
    if (Files.exists(output)) {
      Files.readAllLines(output).forEach(line -> printer.line("  " + line));
    }
    if (exit != 0) {
      throw new IllegalStateException("strata sql --file " + file + " failed (exit " + exit + "); its output is above");
    }
  }

  private List<String> exampleQueries(int modelVersion) {
    return List.of(
        "SELECT date(occurredAt) AS day, count(*) AS uploads FROM samples WHERE tenantId = 'demo' AND kind = 'UPLOADED'"
            + " GROUP BY date(occurredAt)",
        "SELECT classLabel, count(*) FROM labels WHERE tenantId = 'demo' AND kind = 'MADE' GROUP BY classLabel",
        "SELECT reason, count(*) FROM ingest_rejections WHERE tenantId = 'demo' GROUP BY reason",
        "SELECT * FROM model_lineage WHERE modelName = 'shapes' AND modelVersion = " + modelVersion,
        "SELECT appKey, date_trunc('hour', occurredAt) AS hour, status, count(*) AS calls, sum(billableUnits) AS units "
            + "FROM api_calls WHERE tenantId = 'demo' GROUP BY 1, 2, 3 ORDER BY 2",
        "SELECT predictedClass, count(*), avg(confidence) FROM predictions WHERE tenantId = 'demo' GROUP BY 1",
        "SELECT windowStart, predictionCount, severity, classDistributionPsi FROM drift_reports WHERE tenantId = 'demo' "
            + "ORDER BY windowStart");
  }
}
