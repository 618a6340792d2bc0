package io.strata.platform.ingest;

import io.strata.platform.signing.SignedHttpClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.ingest.annotations.ImageAnnotation;
import io.strata.ingest.archive.ImportPlan;
import io.strata.ingest.archive.ImportSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One import: reads the annotations ({@link ImportPlan}), uploads every image with {@code concurrency} requests in
 * flight (the import is read once more, file by file, so memory holds at most a few images), then posts the
 * annotations of the uploaded images as labels in batches. A refused file is counted and the others go on; only an
 * app the gateway does not accept (401/403) stops the import, since every request would be refused.
 */
final class Ingest {

  private static final Logger log = LoggerFactory.getLogger(Ingest.class);
  static final int LABEL_BATCH = 500;
  /** Larger files are refused here, without reading them into memory. */
  static final long MAX_FILE = 512L * 1024 * 1024;

  private final GatewayClient gateway;
  private final Progress progress;
  private final int concurrency;
  private final String dataset;
  private final String tags;

  Ingest(GatewayClient gateway, Progress progress, int concurrency, String dataset, String tags) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.progress = Objects.requireNonNull(progress, "progress");
    if (concurrency < 1 || concurrency > 64) {
      throw new IllegalArgumentException("--concurrency must be 1 to 64, got " + concurrency);
    }
    this.concurrency = concurrency;
    this.dataset = dataset;
    this.tags = tags;
  }

  /** A sample the import uploaded (or found known). */
  private record Sample(String sampleId, int width, int height, boolean created) {}

  /** The app was refused: nothing more can be imported with it. */
  static final class AppRefusedException extends RuntimeException {
    AppRefusedException(String message) {
      super(message);
    }
  }

  IngestSummary run(ImportSource source) throws IOException, InterruptedException {
    var summary = new IngestSummary();
    ImportPlan plan = ImportPlan.scan(source);
    summary.scanned(plan.annotationFiles().size(), plan.problems(), plan.ignored());
    Map<String, Sample> samples = upload(source, plan, summary);
    makeLabels(plan, samples, summary);
    return summary;
  }

  private Map<String, Sample> upload(ImportSource source, ImportPlan plan, IngestSummary summary)
      throws IOException, InterruptedException {
    var samples = new ConcurrentHashMap<String, Sample>();
    var fatal = new AtomicReference<String>();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
      Thread thread = new Thread(r, "strata-ingest-upload");
      thread.setDaemon(true);
      return thread;
    });
    var slots = new Semaphore(concurrency * 2);
    progress.start(plan.images().size());
    try {
      source.forEach((path, size, in) -> {
        if (!plan.images().containsKey(path) || fatal.get() != null) {
          return;
        }
        if (size > MAX_FILE) {
          summary.refused(path, "TOO_LARGE", "larger than " + MAX_FILE + " bytes; not sent");
          progress.step(path);
          return;
        }
        byte[] bytes = in.readAllBytes();
        try {
          slots.acquire();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("Interrupted while uploading " + path);
        }
        pool.execute(() -> {
          try {
            uploadOne(path, bytes, samples, summary, fatal);
          } finally {
            slots.release();
            progress.step(path);
          }
        });
      });
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.HOURS);
    }
    if (fatal.get() != null) {
      throw new AppRefusedException(fatal.get());
    }
    return samples;
  }

  private void uploadOne(String path, byte[] bytes, Map<String, Sample> samples, IngestSummary summary,
      AtomicReference<String> fatal) {
    String filename = path.substring(path.lastIndexOf('/') + 1);
    try {
      Answer answer = gateway.upload(filename, bytes, dataset, tags);
      if (answer.status() == 200 || answer.status() == 201) {
        JsonNode body = answer.body();
        samples.put(path, new Sample(body.path("sampleId").asText(), body.path("width").asInt(),
            body.path("height").asInt(), answer.status() == 201));
        summary.uploaded(answer.status() == 201);
      } else if (answer.status() == 401 || answer.status() == 403) {
        fatal.compareAndSet(null, "The gateway refused the app: " + answer.code() + " " + answer.message());
        summary.refused(path, answer.code(), answer.message());
      } else {
        summary.refused(path, answer.code(), answer.message());
      }
    } catch (IOException e) {
      summary.refused(path, "GATEWAY_UNREACHABLE", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      summary.refused(path, "INTERRUPTED", "the import was interrupted");
    } catch (RuntimeException e) {
      log.error("Upload failed file={}", path, e);
      summary.refused(path, "CLIENT_ERROR", e.toString());
    }
  }

  /** A label to make, and where it came from. */
  private record Pending(String image, String annotationFile, ObjectNode label) {}

  private void makeLabels(ImportPlan plan, Map<String, Sample> samples, IngestSummary summary)
      throws IOException, InterruptedException {
    var pending = new ArrayList<Pending>();
    for (var image : plan.images().entrySet()) {
      Sample sample = samples.get(image.getKey());
      if (sample == null || image.getValue().isEmpty()) {
        continue;
      }
      Set<String> before = sample.created() ? Set.of() : alreadyImported(sample.sampleId());
      for (ImageAnnotation annotation : image.getValue()) {
        Optional<ObjectNode> label = ImportLabels.label(sample.sampleId(), annotation, sample.width(), sample.height(),
            dataset);
        if (label.isEmpty()) {
          summary.emptyAnnotation();
        } else if (before.contains(ImportLabels.fingerprint(label.get().path("boxes")))) {
          summary.labelAlreadyImported();
        } else {
          pending.add(new Pending(image.getKey(), annotation.source(), label.get()));
        }
      }
    }
    for (int from = 0; from < pending.size(); from += LABEL_BATCH) {
      List<Pending> batch = pending.subList(from, Math.min(pending.size(), from + LABEL_BATCH));
      ArrayNode labels = GatewayClient.JSON.createArrayNode();
      batch.forEach(p -> labels.add(p.label()));
      Answer answer = gateway.labels(labels);
      if (answer.status() != 200) {
        batch.forEach(p -> summary.labelRefused(p.image(), p.annotationFile(), answer.code(), answer.message()));
        continue;
      }
      JsonNode results = answer.body().path("results");
      for (int i = 0; i < batch.size(); i++) {
        JsonNode result = results.path(i);
        if (result.path("status").asInt() == 201) {
          summary.labelMade();
        } else {
          summary.labelRefused(batch.get(i).image(), batch.get(i).annotationFile(), result.path("code").asText(),
              result.path("message").asText());
        }
      }
    }
  }

  private Set<String> alreadyImported(String sampleId) throws IOException, InterruptedException {
    Answer answer = gateway.sampleLabels(sampleId);
    return answer.status() == 200 ? ImportLabels.imported(answer.body()) : Set.of();
  }
}
