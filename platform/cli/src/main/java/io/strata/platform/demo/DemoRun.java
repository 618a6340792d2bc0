package io.strata.platform.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.platform.Printer;
import io.strata.platform.controlplane.ControlPlaneClient;
import io.strata.platform.controlplane.ControlPlaneException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The steps of the guided demo against a running platform, each printed as it goes. Every step goes through the
 * public APIs a user has: the control plane, the upload gateway, the training-jobs API, the model registry and
 * Spark SQL over the lakehouse.
 */
final class DemoRun {

  static final String TENANT = "demo";
  static final String MODEL = "shapes";
  static final List<String> CLASSES = List.of("circle", "square", "triangle");

  private final DemoEndpoints endpoints;
  private final Printer printer;
  private final ControlPlaneClient registry;
  private final ControlPlaneClient launcher;
  private final String suffix;
  private int step;

  DemoRun(DemoEndpoints endpoints, Printer printer, Instant now) {
    this.endpoints = endpoints;
    this.printer = printer;
    this.registry = new ControlPlaneClient(endpoints.registryUrl(), endpoints.adminToken());
    this.launcher = new ControlPlaneClient(endpoints.launcherUrl(), endpoints.adminToken());
    // One demo run's names: a second run makes a new app and dataset next to the first one's.
    this.suffix = Long.toString(now.getEpochSecond(), 36);
  }

  /** A tenant for the demo (kept across runs) and a new app in it; returns the app's credentials. */
  AppCredentials tenantAndApp() {
    step("Create a tenant and an app");
    try {
      registry.get(ControlPlaneClient.path("/v1/tenants/%s", TENANT));
      printer.line("  tenant '%s' exists (from an earlier demo)", TENANT);
    } catch (ControlPlaneException e) {
      if (e.status() != 404) {
        throw e;
      }
      registry.post("/v1/tenants", Map.of("tenantId", TENANT, "displayName", "Strata demo"));
      printer.line("  tenant '%s' created", TENANT);
    }
    JsonNode app = registry.post(ControlPlaneClient.path("/v1/tenants/%s/apps", TENANT),
        Map.of("name", "demo-" + suffix));
    var credentials = new AppCredentials(app.path("appKey").asText(), app.path("appSecret").asText());
    printer.line("  app 'demo-%s' created: appKey %s (its secret is shown once, kept in memory by the demo)", suffix,
        credentials.appKey());
    return credentials;
  }

  /** Creates the dataset of the three shape classes and cuts its first version; returns the version. */
  DatasetVersion datasetVersion() {
    step("Define a dataset and cut a version");
    String datasetId = "shapes-" + suffix;
    var rule = new LinkedHashMap<String, Object>();
    rule.put("datasetId", datasetId);
    rule.put("tenantId", TENANT);
    rule.put("name", "Shapes (demo " + suffix + ")");
    rule.put("classes", CLASSES);
    rule.put("validationPercent", 15);
    rule.put("testPercent", 15);
    registry.post("/v1/datasets", rule);
    printer.line("  dataset '%s': classes %s, 70/15/15 split by sample hash", datasetId, CLASSES);
    String requestId = "demo-" + suffix;
    JsonNode answer = registry.post(ControlPlaneClient.path("/v1/datasets/%s/versions", datasetId) + "?waitSeconds=8",
        Map.of("requestId", requestId));
    JsonNode version = answer;
    if (!answer.has("version")) {
      version = await("the version cut of dataset " + datasetId, Duration.ofMinutes(2), () -> {
        for (JsonNode v : ControlPlaneClient.elements(registry.get(ControlPlaneClient.path("/v1/datasets/%s/versions",
            datasetId)))) {
          if (requestId.equals(v.path("requestId").asText())) {
            return v;
          }
        }
        return null;
      });
    }
    int number = version.path("version").asInt();
    printer.line("  version %d: %d items, content hash %s", number, version.path("itemCount").asLong(),
        abbreviate(version.path("contentHash").asText()));
    for (JsonNode count : version.path("counts")) {
      printer.line("    %-9s %-10s %5d", count.path("classLabel").asText(), count.path("split").asText(),
          count.path("count").asLong());
    }
    return new DatasetVersion(datasetId, number, version.path("itemCount").asLong());
  }

  /** Requests a training job on the version, follows its progress, and returns the finished job. */
  JsonNode train(DatasetVersion version, int epochs) {
    step("Train an image classifier on the version");
    var body = new LinkedHashMap<String, Object>();
    body.put("tenantId", TENANT);
    body.put("datasetId", version.datasetId());
    body.put("datasetVersion", version.version());
    body.put("modelName", MODEL);
    body.put("trainer", "builtin");
    body.put("hyperparameters", Map.of("epochs", Integer.toString(epochs)));
    JsonNode job = launcher.post("/v1/training-jobs", body);
    String jobId = job.path("jobId").asText();
    printer.line("  job %s requested (trainer builtin, %d epochs)", jobId, epochs);
    var seen = new int[] {-1};
    JsonNode done = await("training job " + jobId, Duration.ofMinutes(6), () -> {
      JsonNode current = launcher.get(ControlPlaneClient.path("/v1/training-jobs/%s", jobId));
      JsonNode progress = current.path("progress");
      if (progress.has("epoch") && progress.path("epoch").asInt() > seen[0]) {
        seen[0] = progress.path("epoch").asInt();
        printer.line("  epoch %d: loss %.4f %s", seen[0], progress.path("loss").asDouble(),
            metrics(progress.path("metrics")));
      }
      String state = current.path("state").asText();
      return switch (state) {
        case "SUCCEEDED" -> current;
        case "FAILED", "CANCELLED" -> throw new IllegalStateException("Training job " + jobId + " " + state + ": "
            + current.path("reason").asText("no reason given") + "; its log: "
            + endpoints.launcherUrl() + "/v1/training-jobs/" + jobId + "/logs");
        default -> null;
      };
    });
    printer.line("  job %s succeeded: %s", jobId, metrics(done.path("outcome").path("metrics")));
    return done;
  }

  /** Waits for the registry to publish the job's model version, then promotes it to production. */
  int publishAndPromote(String jobId) {
    step("Publish the model and promote it to production");
    JsonNode published = await("model '" + MODEL + "' from job " + jobId, Duration.ofMinutes(1), () -> {
      try {
        for (JsonNode v : registry.get(ControlPlaneClient.path("/v1/models/%s", MODEL) + "?tenantId=" + TENANT)
            .path("versions")) {
          if (jobId.equals(v.path("jobId").asText())) {
            return v;
          }
        }
      } catch (ControlPlaneException e) {
        if (e.status() != 404) {
          throw e;
        }
      }
      return null;
    });
    int version = published.path("version").asInt();
    printer.line("  model '%s' version %d published (artifact sha256 %s)", MODEL, version,
        abbreviate(published.path("artifactSha256").asText()));
    registry.post(ControlPlaneClient.path("/v1/models/%s/versions/%s/stage", MODEL, Integer.toString(version)),
        Map.of("tenantId", TENANT, "stage", "PRODUCTION", "reason", "demo: trained on the shapes dataset"));
    printer.line("  version %d is now in PRODUCTION", version);
    return version;
  }

  void step(String title) {
    step++;
    printer.line("");
    printer.line("[%d] %s", step, title);
  }

  static <T> T await(String what, Duration timeout, Supplier<T> probe) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Gave up waiting for " + what + " after " + timeout
            + "; see the logs under the data directory's logs/");
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + what, e);
      }
    }
  }

  /** The metrics a person reads: accuracies and throughput (the trainer reports counts and timings too). */
  private static String metrics(JsonNode metrics) {
    var text = new StringBuilder();
    for (String name : List.of("accuracy", "val_accuracy", "test_accuracy", "images_per_s")) {
      if (metrics.has(name)) {
        text.append(text.length() == 0 ? "" : ", ").append(name).append(' ')
            .append(String.format(name.equals("images_per_s") ? "%.0f" : "%.3f", metrics.path(name).asDouble()));
      }
    }
    return text.toString();
  }

  private static String abbreviate(String hash) {
    return hash.length() > 16 ? hash.substring(0, 16) + "..." : hash;
  }

  record AppCredentials(String appKey, String appSecret) {
    @Override
    public String toString() {
      return "AppCredentials[appKey=" + appKey + ", appSecret=<redacted>]";
    }
  }

  record DatasetVersion(String datasetId, int version, long itemCount) {}
}
