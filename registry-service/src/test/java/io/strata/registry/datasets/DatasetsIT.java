package io.strata.registry.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.events.BoundingBox;
import io.strata.events.ClassSplitCount;
import io.strata.events.DatasetEvent;
import io.strata.events.DatasetEventKind;
import io.strata.events.DatasetVersionItem;
import io.strata.events.Split;
import io.strata.events.VersionCut;
import io.strata.registry.testing.ControlPlaneFixture;
import io.strata.registry.testing.ControlPlaneFixture.Reply;
import io.strata.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The datasets API on a real broker. The versioner of stream-processors is played by {@link Versioner}: it answers
 * each VERSION_REQUESTED of the test's datasets topic with items and a VERSION_CUT, as the real one does.
 */
class DatasetsIT {

  private static ControlPlaneFixture fixture;
  private static Versioner versioner;

  @BeforeAll
  static void start() {
    var topics = new LinkedHashMap<String, Integer>();
    topics.put(DatasetSettings.DATASETS_TOPIC, 3);
    topics.put(DatasetSettings.ITEMS_TOPIC, 6);
    topics.put("strata.models.topic", 3);
    topics.put("strata.training-jobs.topic", 3);
    fixture = new ControlPlaneFixture(topics, Map.of());
    versioner = new Versioner(fixture);
    versioner.start();
  }

  @AfterAll
  static void stop() {
    versioner.close();
    fixture.close();
  }

  @Test
  void shouldCreateListGetAndChangeDatasets() {
    String id = "cats-" + System.nanoTime();
    Reply created = fixture.operator("POST", "/v1/datasets", "{\"datasetId\":\"" + id + "\",\"tenantId\":\""
        + fixture.tenantA + "\",\"name\":\"Cats\",\"classes\":[\"cat\",\"dog\"],\"trainingPolicy\":{\"modelName\":"
        + "\"pets\",\"newLabels\":100,\"hyperparameters\":{\"epochs\":3}}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().path("tenantId").asText()).isEqualTo(fixture.tenantA);
    assertThat(created.json().path("validationPercent").asInt()).isEqualTo(10);
    assertThat(created.json().path("trainingPolicy").path("hyperparameters").path("epochs").asText()).isEqualTo("3");
    assertThat(created.json().path("trainingPolicy").path("trainer").asText()).isEqualTo("builtin");

    Reply byApp = fixture.appA("POST", "/v1/datasets", "{\"name\":\"Generated id\"}");
    assertThat(byApp.status()).as(byApp.body()).isEqualTo(201);
    assertThat(byApp.json().path("datasetId").asText()).startsWith("ds-");
    assertThat(byApp.json().path("tenantId").asText()).isEqualTo(fixture.tenantA);

    Reply duplicate = fixture.operator("POST", "/v1/datasets", "{\"datasetId\":\"" + id + "\",\"tenantId\":\""
        + fixture.tenantA + "\",\"name\":\"again\"}");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.code()).isEqualTo("DATASET_EXISTS");
    assertThat(fixture.operator("POST", "/v1/datasets", "{\"name\":\"x\"}").code()).isEqualTo("TENANT_REQUIRED");
    assertThat(fixture.operator("POST", "/v1/datasets", "{\"tenantId\":\"nobody-here\",\"name\":\"x\"}").code())
        .isEqualTo("TENANT_NOT_FOUND");
    Reply invalid = fixture.appA("POST", "/v1/datasets", "{\"name\":\"x\",\"testPercent\":120}");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.code()).isEqualTo("INVALID_RULE");
    assertThat(fixture.appA("POST", "/v1/datasets", "{not json").code()).isEqualTo("INVALID_JSON");
    assertThat(fixture.appA("POST", "/v1/datasets", "{\"name\":\"x\",\"tenantId\":\"" + fixture.tenantB + "\"}")
        .code()).isEqualTo("TENANT_FORBIDDEN");

    Reply changed = fixture.appA("PUT", "/v1/datasets/" + id + "/rule", "{\"tags\":[\"indoor\"],\"trainingPolicy\":null}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().path("tags").get(0).asText()).isEqualTo("indoor");
    assertThat(changed.json().path("classes")).hasSize(2);
    assertThat(changed.json().path("trainingPolicy").isNull()).isTrue();
    assertThat(fixture.appA("PUT", "/v1/datasets/" + id + "/rule", "{\"testPercent\":30}").code())
        .isEqualTo("SPLIT_IMMUTABLE");

    Reply got = fixture.appA("GET", "/v1/datasets/" + id, null);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().path("name").asText()).isEqualTo("Cats");
    assertThat(got.json().path("versions")).isEmpty();
    assertThat(fixture.appA("GET", "/v1/datasets", null).json().path("datasets").findValuesAsText("datasetId"))
        .contains(id, byApp.json().path("datasetId").asText());
    assertThat(fixture.appB("GET", "/v1/datasets", null).json().path("datasets").findValuesAsText("datasetId"))
        .doesNotContain(id);
    assertThat(fixture.operator("GET", "/v1/datasets?tenantId=" + fixture.tenantB, null).json().path("datasets")
        .findValuesAsText("datasetId")).doesNotContain(id);
    assertThat(fixture.operator("GET", "/v1/datasets", null).json().path("datasets").findValuesAsText("datasetId"))
        .contains(id);
    assertThat(fixture.appA("GET", "/v1/datasets/no-such-dataset", null).code()).isEqualTo("DATASET_NOT_FOUND");
  }

  @Test
  void shouldCutVersionsAndServeTheirItemsAndDiff() {
    String id = createDataset("versions");
    // Version 1: s1..s5; version 2: s1, s2 relabelled, s3 with a box, s4, s6 added (s5 removed).
    versioner.plan(id, 1, List.of(item("s1", "cat"), item("s2", "cat"), item("s3", "dog"), item("s4", "dog"),
        item("s5", "cat")));
    versioner.plan(id, 2, List.of(item("s1", "cat"), item("s2", "dog"), boxed("s3", "dog"), item("s4", "dog"),
        item("s6", "cat")));

    Reply first = fixture.appA("POST", "/v1/datasets/" + id + "/versions", "{\"requestId\":\"r1\"}");
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().path("version").asInt()).isEqualTo(1);
    assertThat(first.json().path("itemCount").asLong()).isEqualTo(5);
    assertThat(first.json().path("countsByClass").path("cat").asLong()).isEqualTo(3);
    assertThat(first.json().path("countsBySplit").path("TRAIN").asLong()).isEqualTo(5);
    assertThat(first.json().path("requestId").asText()).isEqualTo("r1");
    Reply again = fixture.appA("POST", "/v1/datasets/" + id + "/versions", "{\"requestId\":\"r1\"}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("version").asInt()).isEqualTo(1);
    Reply second = fixture.operator("POST", "/v1/datasets/" + id + "/versions", null);
    assertThat(second.status()).as(second.body()).isEqualTo(201);
    assertThat(second.json().path("version").asInt()).isEqualTo(2);

    assertThat(fixture.appA("GET", "/v1/datasets/" + id + "/versions", null).json().path("versions")
        .findValuesAsText("version")).containsExactly("1", "2");
    Reply v2 = fixture.appA("GET", "/v1/datasets/" + id + "/versions/2", null);
    assertThat(v2.json().path("contentHash").asText()).isEqualTo("hash-2");
    assertThat(fixture.appA("GET", "/v1/datasets/" + id + "/versions/9", null).code()).isEqualTo("VERSION_NOT_FOUND");
    assertThat(fixture.appA("GET", "/v1/datasets/" + id, null).json().path("latestVersion").asInt()).isEqualTo(2);

    // The versioner replays its log: version 1's items appear a second time; the API still lists each once.
    versioner.appendItems(id, 1);
    assertThat(pagedSampleIds(id, 1, 2)).containsExactlyInAnyOrder("s1", "s2", "s3", "s4", "s5");
    assertThat(pagedSampleIds(id, 2, 100)).containsExactlyInAnyOrder("s1", "s2", "s3", "s4", "s6");
    assertThat(fixture.appA("GET", "/v1/datasets/" + id + "/versions/1/items?after=garbage", null).code())
        .isEqualTo("INVALID_CURSOR");
    assertThat(fixture.appA("GET", "/v1/datasets/" + id + "/versions/1/items?limit=0", null).code())
        .isEqualTo("INVALID_LIMIT");

    Reply diff = fixture.appA("GET", "/v1/datasets/" + id + "/diff?from=1&to=2", null);
    assertThat(diff.status()).as(diff.body()).isEqualTo(200);
    JsonNode json = diff.json();
    assertThat(json.path("added").findValuesAsText("sampleId")).containsExactly("s6");
    assertThat(json.path("removed").findValuesAsText("sampleId")).containsExactly("s5");
    assertThat(json.path("relabelled").findValuesAsText("sampleId")).containsExactly("s2", "s3");
    assertThat(json.path("relabelled").get(0).path("from").path("classLabel").asText()).isEqualTo("cat");
    assertThat(json.path("relabelled").get(0).path("to").path("classLabel").asText()).isEqualTo("dog");
    assertThat(json.path("relabelled").get(1).path("to").path("boxes")).hasSize(1);
    assertThat(json.path("truncated").asBoolean()).isFalse();
    assertThat(fixture.appA("GET", "/v1/datasets/" + id + "/diff?from=1", null).code()).isEqualTo("INVALID_VERSION");
  }

  @Test
  void shouldAnswerPendingWhenTheVersionerIsSlowAndTheCutLater() {
    String id = createDataset("pending");
    versioner.hold(id);
    Reply pending = fixture.appA("POST", "/v1/datasets/" + id + "/versions?waitSeconds=0", "{\"requestId\":\"slow\"}");
    assertThat(pending.status()).as(pending.body()).isEqualTo(202);
    assertThat(pending.json().path("status").asText()).isEqualTo("PENDING");
    assertThat(pending.json().path("requestId").asText()).isEqualTo("slow");
    assertThat(fixture.appA("GET", "/v1/datasets/" + id, null).json().path("pendingRequests").get(0).asText())
        .isEqualTo("slow");
    versioner.plan(id, 1, List.of(item("a", "cat")));
    versioner.release(id);
    Reply cut = fixture.appA("POST", "/v1/datasets/" + id + "/versions", "{\"requestId\":\"slow\"}");
    assertThat(cut.status()).as(cut.body()).isIn(200, 201);
    assertThat(cut.json().path("version").asInt()).isEqualTo(1);
    assertThat(versioner.requestsSeen(id)).as("a pending request is not asked twice").isEqualTo(1);

    Reply reserved = fixture.appA("POST", "/v1/datasets/" + id + "/versions?waitSeconds=0",
        "{\"requestId\":\"trigger:drift:" + id + ":shapes:1\"}");
    assertThat(reserved.status()).as("the training trigger's requestIds are reserved").isEqualTo(422);
    assertThat(reserved.json().path("code").asText()).isEqualTo("INVALID_REQUEST_ID");
  }

  @Test
  void shouldAnswer503LikeTheOtherControlPlaneCallsWhenDisabled() {
    var props = new HashMap<>(fixture.properties);
    props.remove("strata.admin.token");
    try (var disabled = io.strata.registry.RegistryServer.start(
        new io.strata.registry.RegistryServer.Settings(0, fixture.kafka.bootstrapServers()), props)) {
      for (String path : List.of("/v1/datasets", "/v1/models", "/v1/datasets/x/versions/1/items")) {
        Reply reply = ControlPlaneFixture.send(disabled, "GET", path, null, Map.of());
        assertThat(reply.status()).as(path).isEqualTo(503);
        assertThat(reply.code()).isEqualTo("CONTROL_PLANE_DISABLED");
      }
    }
  }

  record Endpoint(String method, String template, String body) {
    @Override
    public String toString() {
      return method + " " + template;
    }
  }

  static Stream<Endpoint> endpoints() {
    return Stream.of(new Endpoint("GET", "/v1/datasets/{d}", null),
        new Endpoint("PUT", "/v1/datasets/{d}/rule", "{\"tags\":[\"x\"]}"),
        new Endpoint("POST", "/v1/datasets/{d}/versions?waitSeconds=0", "{}"),
        new Endpoint("GET", "/v1/datasets/{d}/versions", null),
        new Endpoint("GET", "/v1/datasets/{d}/versions/1", null),
        new Endpoint("GET", "/v1/datasets/{d}/versions/1/items", null),
        new Endpoint("GET", "/v1/datasets/{d}/diff?from=1&to=1", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void shouldAnswerAnotherTenantsAppAsIfTheDatasetDidNotExist(Endpoint endpoint) {
    String id = isolated();
    Reply reply = fixture.appB(endpoint.method(), endpoint.template().replace("{d}", id), endpoint.body());
    assertThat(reply.status()).as(reply.body()).isEqualTo(404);
    assertThat(reply.code()).isEqualTo("DATASET_NOT_FOUND");
    Reply missing = fixture.appB(endpoint.method(), endpoint.template().replace("{d}", "never-created"),
        endpoint.body());
    assertThat(missing.body()).isEqualTo(reply.body().replace(id, "never-created"));
    assertThat(fixture.appA("GET", "/v1/datasets/" + id + "/versions", null).json().path("versions")).hasSize(1);
  }

  private static String isolatedId;

  private static synchronized String isolated() {
    if (isolatedId == null) {
      isolatedId = createDataset("isolated");
      versioner.plan(isolatedId, 1, List.of(item("i1", "cat")));
      assertThat(fixture.appA("POST", "/v1/datasets/" + isolatedId + "/versions", "{}").status()).isEqualTo(201);
    }
    return isolatedId;
  }

  private static String createDataset(String prefix) {
    String id = prefix + "-" + System.nanoTime();
    Reply created = fixture.appA("POST", "/v1/datasets", "{\"datasetId\":\"" + id + "\",\"name\":\"" + prefix + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return id;
  }

  private static List<String> pagedSampleIds(String id, int version, int limit) {
    var ids = new ArrayList<String>();
    String after = null;
    int pages = 0;
    do {
      String path = "/v1/datasets/" + id + "/versions/" + version + "/items?limit=" + limit
          + (after == null ? "" : "&after=" + after);
      JsonNode page = fixture.appA("GET", path, null).json();
      page.path("items").forEach(item -> ids.add(item.path("sampleId").asText()));
      after = page.path("next").isNull() ? null : page.path("next").asText();
      assertThat(++pages).isLessThan(20);
    } while (after != null);
    return ids;
  }

  static DatasetVersionItem.Builder item(String sampleId, String classLabel) {
    return DatasetVersionItem.newBuilder().setEventId("planned").setTenantId("planned").setOccurredAt(Instant.EPOCH)
        .setProducer("planned").setDatasetId("planned").setVersion(0).setSampleId(sampleId).setClassLabel(classLabel)
        .setBlobUri("file:/blobs/" + sampleId).setSplit(Split.TRAIN).setLabelIds(List.of("l-" + sampleId));
  }

  static DatasetVersionItem.Builder boxed(String sampleId, String classLabel) {
    return item(sampleId, classLabel).setBoxes(List.of(new BoundingBox(classLabel, 0.1, 0.1, 0.5, 0.5, false)));
  }

  /** Plays the versioner: answers VERSION_REQUESTED with the planned items and a cut, once per request id. */
  static final class Versioner implements AutoCloseable {
    private final ControlPlaneFixture fixture;
    private final Map<String, List<DatasetVersionItem.Builder>> plans = new ConcurrentHashMap<>();
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();
    private final Map<String, Integer> requests = new ConcurrentHashMap<>();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final List<DatasetEvent> heldRequests = new ArrayList<>();
    private final Set<String> answered = new HashSet<>();
    private final KafkaProducer<String, DatasetEvent> datasets;
    private final KafkaProducer<String, DatasetVersionItem> items;
    private final KafkaConsumer<String, DatasetEvent> consumer;
    private Thread thread;

    Versioner(ControlPlaneFixture fixture) {
      this.fixture = fixture;
      var props = new HashMap<String, Object>(Map.of("bootstrap.servers", fixture.kafka.bootstrapServers()));
      datasets = new KafkaProducer<>(props, new StringSerializer(),
          Topics.DATASETS.valueSerde(fixture.serdeConfig()).serializer());
      items = new KafkaProducer<>(props, new StringSerializer(),
          Topics.DATASET_VERSION_ITEMS.valueSerde(fixture.serdeConfig()).serializer());
      consumer = new KafkaConsumer<>(props, new StringDeserializer(),
          Topics.DATASETS.valueSerde(fixture.serdeConfig()).deserializer());
    }

    void plan(String datasetId, int version, List<DatasetVersionItem.Builder> planned) {
      plans.put(datasetId + "/" + version, planned);
    }

    void hold(String datasetId) {
      held.add(datasetId);
    }

    synchronized void release(String datasetId) {
      held.remove(datasetId);
      heldRequests.removeIf(request -> {
        if (request.getDatasetId().equals(datasetId)) {
          answer(request);
          return true;
        }
        return false;
      });
    }

    int requestsSeen(String datasetId) {
      return requests.getOrDefault(datasetId, 0);
    }

    void start() {
      String topic = fixture.topic(DatasetSettings.DATASETS_TOPIC);
      var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition()))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      thread = new Thread(() -> {
        try {
          while (true) {
            for (var record : consumer.poll(Duration.ofMillis(50))) {
              if (record.value().getKind() == DatasetEventKind.VERSION_REQUESTED) {
                requests.merge(record.value().getDatasetId(), 1, Integer::sum);
                onRequest(record.value());
              }
            }
          }
        } catch (WakeupException e) {
          // closed
        }
      }, "fake-versioner");
      thread.start();
    }

    private synchronized void onRequest(DatasetEvent request) {
      if (held.contains(request.getDatasetId())) {
        heldRequests.add(request);
      } else {
        answer(request);
      }
    }

    private void answer(DatasetEvent request) {
      String requestId = request.getVersionRequest().getRequestId();
      if (!answered.add(request.getDatasetId() + "\u0000" + requestId)) {
        return;
      }
      int version = versions.merge(request.getDatasetId(), 1, Integer::sum);
      long count = appendItems(request.getDatasetId(), version);
      var counts = new LinkedHashMap<String, Long>();
      plans.get(request.getDatasetId() + "/" + version)
          .forEach(item -> counts.merge(item.getClassLabel(), 1L, Long::sum));
      var cut = VersionCut.newBuilder().setVersion(version).setContentHash("hash-" + version).setItemCount(count)
          .setCounts(counts.entrySet().stream().map(e -> new ClassSplitCount(e.getKey(), Split.TRAIN, e.getValue()))
              .toList())
          .setRequestId(requestId).setAsOf(Instant.now()).build();
      var event = DatasetEvent.newBuilder().setEventId("cut-" + request.getDatasetId() + "-" + version)
          .setTenantId(request.getTenantId()).setOccurredAt(Instant.now()).setProducer("fake-versioner")
          .setDatasetId(request.getDatasetId()).setKind(DatasetEventKind.VERSION_CUT).setVersionCut(cut).build();
      send(datasets, fixture.topic(DatasetSettings.DATASETS_TOPIC), request.getDatasetId(), event);
    }

    long appendItems(String datasetId, int version) {
      var planned = plans.get(datasetId + "/" + version);
      String tenant = fixture.tenantA;
      for (var item : planned) {
        var value = DatasetVersionItem.newBuilder(item.build()).setEventId("item-" + item.getSampleId())
            .setTenantId(tenant).setOccurredAt(Instant.now()).setProducer("fake-versioner").setDatasetId(datasetId)
            .setVersion(version).build();
        send(items, fixture.topic(DatasetSettings.ITEMS_TOPIC), datasetId + "/" + version, value);
        // Other versions' items interleave on the partition in real life too.
        send(items, fixture.topic(DatasetSettings.ITEMS_TOPIC), "other/" + version, value);
      }
      return planned.size();
    }

    private static <V> void send(KafkaProducer<String, V> producer, String topic, String key, V value) {
      try {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      consumer.wakeup();
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      consumer.close();
      datasets.close();
      items.close();
    }
  }
}
