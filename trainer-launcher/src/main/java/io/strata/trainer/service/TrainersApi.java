package io.strata.trainer.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.blobstore.BlobRef;
import io.strata.blobstore.BlobStore;
import io.strata.blobstore.BlobTooLargeException;
import io.strata.events.TrainerBlob;
import io.strata.events.TrainerEvent;
import io.strata.events.TrainerEventKind;
import io.strata.events.TrainerFramework;
import io.strata.trainer.trainers.CodeArchive;
import io.strata.trainer.trainers.TrainerAppender;
import io.strata.trainer.trainers.TrainerRules;
import io.strata.trainer.trainers.TrainersView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The trainers API without HTTP: register, update, upload code and base weights, list, read and delete custom
 * trainers, scoped to the caller's tenant (an app) or a named one (the operator). Every write appends a
 * {@code trainers} event and returns once this service's view applied it (read-your-writes). Code and weights are
 * streamed into the blob store; memory does not grow with their size.
 */
final class TrainersApi {

  private static final Set<String> FIELDS = Set.of("tenantId", "name", "framework", "image", "command",
      "defaultHyperparameters", "description");

  private final TrainersView trainers;
  private final TrainerAppender appender;
  private final BlobStore blobs;
  private final Path spool;
  private final String producer;
  private final boolean kubernetes;
  private final Clock clock;
  private final Duration timeout;
  private final Object writes = new Object();

  /**
   * @param spool where an uploaded archive held by a remote blob store is copied to be checked
   * @param kubernetes true when jobs run on Kubernetes: a trainer must then name an image
   */
  TrainersApi(TrainersView trainers, TrainerAppender appender, BlobStore blobs, Path spool, String producer,
      boolean kubernetes, Clock clock, Duration timeout) {
    this.spool = spool;
    this.trainers = trainers;
    this.appender = appender;
    this.blobs = blobs;
    this.producer = producer;
    this.kubernetes = kubernetes;
    this.clock = clock;
    this.timeout = timeout;
  }

  /** {@code POST /v1/trainers}. */
  Map<String, Object> register(Caller caller, JsonNode body, String requestId) {
    requireObject(body);
    String tenantId = tenantOf(caller, textOrNull(body, "tenantId"));
    String name = textOrNull(body, "name");
    TrainerRules.nameProblem(name).ifPresent(problem -> {
      throw invalid("name", problem);
    });
    var builder = TrainerEvent.newBuilder().setTenantId(tenantId).setName(name).setKind(TrainerEventKind.REGISTERED)
        .setRevision(1).setFramework(TrainerFramework.OTHER).setCommand(List.of()).setDefaultHyperparameters(Map.of());
    apply(builder, body);
    synchronized (writes) {
      if (trainers.find(tenantId, name).isPresent()) {
        throw new ApiException(409, "TRAINER_EXISTS", "Trainer '" + name + "' already exists in tenant '" + tenantId
            + "'; change it with PUT /v1/trainers/" + name + " or delete it first");
      }
      return json(append(builder, requestId));
    }
  }

  /** {@code PUT /v1/trainers/{name}}: the fields given replace the trainer's; the others keep their value. */
  Map<String, Object> update(Caller caller, String name, Optional<String> tenantParam, JsonNode body,
      String requestId) {
    requireObject(body);
    String tenantId = tenantOf(caller, tenantParam.orElse(textOrNull(body, "tenantId")));
    String named = textOrNull(body, "name");
    if (named != null && !named.equals(name)) {
      throw invalid("name", "cannot be changed (the path names '" + name + "'); register a new trainer instead");
    }
    synchronized (writes) {
      TrainerEvent current = existing(tenantId, name);
      var builder = TrainerEvent.newBuilder(current).setKind(TrainerEventKind.UPDATED);
      apply(builder, body);
      return json(append(builder, requestId));
    }
  }

  /** {@code PUT /v1/trainers/{name}/code}: a zip or tar.gz, checked for unsafe entries. */
  Map<String, Object> uploadCode(Caller caller, String name, Optional<String> tenantParam, InputStream body,
      Runnable verifyBody, String requestId) {
    String tenantId = tenantOf(caller, tenantParam.orElse(null));
    existing(tenantId, name);
    BlobRef ref = store(body, TrainerRules.MAX_CODE_BYTES, "network code archive");
    verifyBody.run();
    CodeArchive.Summary summary;
    try {
      summary = checkArchive(ref);
    } catch (CodeArchive.InvalidArchiveException e) {
      throw new ApiException(422, "INVALID_ARCHIVE", "The network code of trainer '" + name + "' was refused: "
          + e.getMessage());
    } catch (IOException e) {
      throw new ApiException(500, "BLOB_STORE_FAILED", "Cannot read back the uploaded code: " + e.getMessage());
    }
    var blob = new TrainerBlob(ref.uri().toString(), ref.sha256(), ref.sizeBytes(), summary.format().label());
    synchronized (writes) {
      var builder = TrainerEvent.newBuilder(existing(tenantId, name)).setKind(TrainerEventKind.CODE_UPLOADED)
          .setCode(blob);
      var result = json(append(builder, requestId));
      result.put("codeFiles", summary.files());
      return result;
    }
  }

  /** Checks the stored archive: in place for a local blob store, else from a spooled copy. */
  private CodeArchive.Summary checkArchive(BlobRef ref) throws IOException, CodeArchive.InvalidArchiveException {
    if (ref.uri().getScheme().equals("file")) {
      return CodeArchive.check(Path.of(ref.uri()));
    }
    Files.createDirectories(spool);
    Path copy = Files.createTempFile(spool, "code-", ".archive");
    try {
      try (InputStream in = blobs.open(ref.sha256())) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      return CodeArchive.check(copy);
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  /** {@code PUT /v1/trainers/{name}/weights}: any bytes. */
  Map<String, Object> uploadWeights(Caller caller, String name, Optional<String> tenantParam, InputStream body,
      Runnable verifyBody, String requestId) {
    String tenantId = tenantOf(caller, tenantParam.orElse(null));
    existing(tenantId, name);
    BlobRef ref = store(body, TrainerRules.MAX_WEIGHTS_BYTES, "base weights");
    verifyBody.run();
    var blob = new TrainerBlob(ref.uri().toString(), ref.sha256(), ref.sizeBytes(), null);
    synchronized (writes) {
      var builder = TrainerEvent.newBuilder(existing(tenantId, name)).setKind(TrainerEventKind.WEIGHTS_UPLOADED)
          .setBaseWeights(blob);
      return json(append(builder, requestId));
    }
  }

  /** {@code GET /v1/trainers}: {@code builtin} first, then the caller's trainers by name. */
  List<Map<String, Object>> list(Caller caller, Optional<String> tenantParam) {
    String tenantId = caller instanceof Caller.App app ? tenantOf(caller, tenantParam.orElse(null))
        : tenantParam.orElse(null);
    var result = new ArrayList<Map<String, Object>>();
    result.add(builtin());
    trainers.list(tenantId).forEach(t -> result.add(json(t)));
    return result;
  }

  /** {@code GET /v1/trainers/{name}}. */
  Map<String, Object> get(Caller caller, String name, Optional<String> tenantParam) {
    if (name.equals(TrainerRules.BUILTIN)) {
      return builtin();
    }
    return json(existing(tenantOf(caller, tenantParam.orElse(null)), name));
  }

  /** {@code DELETE /v1/trainers/{name}}: jobs that name it and have not started fail when they would launch. */
  Map<String, Object> delete(Caller caller, String name, Optional<String> tenantParam, String requestId) {
    String tenantId = tenantOf(caller, tenantParam.orElse(null));
    synchronized (writes) {
      var builder = TrainerEvent.newBuilder(existing(tenantId, name)).setKind(TrainerEventKind.DELETED);
      var result = json(append(builder, requestId));
      result.put("deleted", true);
      return result;
    }
  }

  /** True when {@code tenantId} has a live trainer {@code name}. */
  boolean exists(String tenantId, String name) {
    return trainers.find(tenantId, name).isPresent();
  }

  private TrainerEvent existing(String tenantId, String name) {
    if (name.equals(TrainerRules.BUILTIN)) {
      throw new ApiException(422, "BUILTIN_TRAINER", "Trainer 'builtin' is part of Strata and cannot be changed or "
          + "deleted; register a custom trainer under another name");
    }
    return trainers.find(tenantId, name).orElseThrow(() -> new ApiException(404, "TRAINER_NOT_FOUND",
        "No trainer '" + name + "' in your tenant; list them with GET /v1/trainers"));
  }

  private BlobRef store(InputStream body, long max, String what) {
    try {
      BlobRef ref = blobs.put(body, max);
      if (ref.sizeBytes() == 0) {
        throw new ApiException(422, "EMPTY_BODY", "The " + what + " is empty; send the file as the request body");
      }
      return ref;
    } catch (BlobTooLargeException e) {
      throw new ApiException(413, "BODY_TOO_LARGE", "The " + what + " is larger than " + max + " bytes");
    } catch (IOException e) {
      throw new ApiException(500, "BLOB_STORE_FAILED", "Cannot store the " + what + " in the blob store: "
          + e.getMessage() + "; check the blob store and retry");
    }
  }

  /** Applies the body's fields (those present) to {@code builder} and checks the result. */
  private void apply(TrainerEvent.Builder builder, JsonNode body) {
    body.fieldNames().forEachRemaining(field -> {
      if (!FIELDS.contains(field)) {
        throw invalid(field, "is not a field of a trainer; the fields are " + new TreeSet<>(FIELDS));
      }
    });
    if (body.has("framework")) {
      String text = textOrNull(body, "framework");
      builder.setFramework(TrainerRules.framework(text == null ? "" : text).orElseThrow(() -> invalid("framework",
          "must be one of " + TrainerRules.frameworks() + ", got '" + text + "'")));
    }
    if (body.has("image")) {
      builder.setImage(textOrNull(body, "image"));
    }
    if (body.has("description")) {
      builder.setDescription(textOrNull(body, "description"));
    }
    if (body.has("command")) {
      JsonNode command = body.get("command");
      var argv = new ArrayList<String>();
      if (command == null || !command.isArray()) {
        throw invalid("command", "must be a non-empty array of strings, e.g. [\"sh\",\"train.sh\"]");
      }
      command.forEach(a -> {
        if (!a.isTextual()) {
          throw invalid("command", "must contain strings only, got " + a);
        }
        argv.add(a.asText());
      });
      builder.setCommand(argv);
    }
    if (body.has("defaultHyperparameters")) {
      JsonNode hyper = body.get("defaultHyperparameters");
      var values = new HashMap<String, String>();
      if (hyper != null && !hyper.isNull()) {
        if (!hyper.isObject()) {
          throw invalid("defaultHyperparameters", "must be an object of names to values, e.g. {\"epochs\":\"5\"}");
        }
        hyper.fields().forEachRemaining(e -> {
          if (!e.getValue().isValueNode() || e.getValue().isNull()) {
            throw invalid("defaultHyperparameters." + e.getKey(), "must be a string, number or boolean");
          }
          values.put(e.getKey(), e.getValue().asText());
        });
      }
      builder.setDefaultHyperparameters(values);
    }
    TrainerRules.commandProblem(builder.getCommand()).ifPresent(problem -> {
      throw invalid("command", problem);
    });
    if (kubernetes && builder.getImage() == null) {
      throw new ApiException(422, "IMAGE_REQUIRED", "Field 'image' is required: this trainer launcher runs jobs on "
          + "Kubernetes, where a trainer runs as its container image");
    }
  }

  private TrainerEvent append(TrainerEvent.Builder builder, String requestId) {
    if (builder.getKind() != TrainerEventKind.REGISTERED) {
      builder.setRevision(builder.getRevision() + 1);
    }
    TrainerEvent event = builder.setEventId(UUID.randomUUID().toString()).setOccurredAt(clock.instant())
        .setProducer(producer).setCausationId(requestId).build();
    try {
      trainers.awaitApplied(appender.append(event), timeout);
    } catch (TrainerAppender.UnavailableException | io.strata.auth.apps.ViewTimeoutException e) {
      throw new ApiException(503, "KAFKA_UNAVAILABLE", e.getMessage());
    }
    return event;
  }

  /** A trainer as the API writes it. */
  static Map<String, Object> json(TrainerEvent t) {
    var json = new LinkedHashMap<String, Object>();
    json.put("tenantId", t.getTenantId());
    json.put("name", t.getName());
    json.put("builtin", false);
    json.put("revision", t.getRevision());
    json.put("framework", t.getFramework().name());
    json.put("image", t.getImage());
    json.put("command", List.copyOf(t.getCommand()));
    json.put("code", blob(t.getCode()));
    json.put("baseWeights", blob(t.getBaseWeights()));
    json.put("defaultHyperparameters", new TreeMap<>(t.getDefaultHyperparameters()));
    json.put("description", t.getDescription());
    json.put("updatedAt", t.getOccurredAt().toString());
    return json;
  }

  private static Map<String, Object> blob(TrainerBlob blob) {
    if (blob == null) {
      return null;
    }
    var json = new LinkedHashMap<String, Object>();
    json.put("uri", blob.getUri());
    json.put("sha256", blob.getSha256());
    json.put("sizeBytes", blob.getSizeBytes());
    json.put("format", blob.getFormat());
    return json;
  }

  private static Map<String, Object> builtin() {
    var json = new LinkedHashMap<String, Object>();
    json.put("name", TrainerRules.BUILTIN);
    json.put("builtin", true);
    json.put("framework", TrainerFramework.DJL.name());
    json.put("description", "Strata's image classifier: a small CNN on DJL with the PyTorch engine, CPU or GPU "
        + "(docs/gpu-scheduler.md)");
    json.put("hyperparameters", List.of("epochs", "image-size", "batch-size", "learning-rate", "seed"));
    return json;
  }

  private static void requireObject(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new ApiException(400, "INVALID_JSON", "The body must be a JSON object such as {\"name\":\"my-trainer\","
          + "\"framework\":\"PYTORCH\",\"command\":[\"sh\",\"train.sh\"]}");
    }
  }

  private static String tenantOf(Caller caller, String named) {
    if (caller instanceof Caller.App app) {
      if (named != null && !named.equals(app.tenantId())) {
        throw invalid("tenantId", "is for the operator only; an app acts on its own tenant, leave it out");
      }
      return app.tenantId();
    }
    if (named == null || named.isBlank()) {
      throw invalid("tenantId", "is required for the operator: name the tenant (in the body, or ?tenantId=)");
    }
    return named;
  }

  private static String textOrNull(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw invalid(field, "must be a non-empty string");
    }
    return node.asText().strip();
  }

  private static ApiException invalid(String field, String what) {
    return new ApiException(422, "INVALID_FIELD", "Field '" + field + "' " + what);
  }
}
