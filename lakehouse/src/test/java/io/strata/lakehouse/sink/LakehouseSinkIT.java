package io.strata.lakehouse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.lakehouse.tables.AvroToIceberg;
import io.strata.lakehouse.tables.TableNames;
import io.strata.schemas.topics.Topic;
import io.strata.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.strata.schemas.serde.GenericAvroSerde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink on a real broker, a real schema registry, a real Connect worker and a JDBC catalog on SQLite. */
class LakehouseSinkIT {

  private static final Duration COMMIT = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir
  Path temp;

  @Test
  void shouldWriteAnEventOfEveryTopicIntoItsTableWithKafkaMetadata() throws Exception {
    SinkFixture fixture = new SinkFixture(temp);
    Map<SourceTopic, String> eventIds = new HashMap<>();
    for (Topic<?, ?> topic : TableNames.lakehouseTopics()) {
      eventIds.put(fixture.copyOf(topic, 2), UUID.randomUUID().toString());
    }
    Map<SourceTopic, RecordMetadata> written = new HashMap<>();
    try (var worker = LakehouseSinkWorker.start(fixture.settings(COMMIT))) {
      for (var entry : eventIds.entrySet()) {
        written.put(entry.getKey(), produce(fixture, entry.getKey(), entry.getValue()));
      }
      try (var catalog = fixture.catalog()) {
        for (var entry : eventIds.entrySet()) {
          SourceTopic topic = entry.getKey();
          List<Record> rows = await().atMost(WAIT).until(() -> SinkFixture.rows(catalog, fixture.table(topic)),
              r -> !r.isEmpty());
          RecordMetadata metadata = written.get(topic);
          assertThat(rows).as(topic.name()).hasSize(1);
          Record row = rows.get(0);
          assertThat(row.getField("eventId")).as(topic.name()).isEqualTo(entry.getValue());
          assertThat(row.getField(AvroToIceberg.KAFKA_TOPIC)).isEqualTo(topic.name());
          assertThat(row.getField(AvroToIceberg.KAFKA_PARTITION)).isEqualTo(metadata.partition());
          assertThat(row.getField(AvroToIceberg.KAFKA_OFFSET)).isEqualTo(metadata.offset());
          assertThat(((OffsetDateTime) row.getField(AvroToIceberg.KAFKA_APPEND_TIME)).toInstant().toEpochMilli())
              .isEqualTo(metadata.timestamp());
          assertThat(row.getField("occurredAt")).as("timestamptz column").isInstanceOf(OffsetDateTime.class);
        }
        assertThat(catalog.loadTable(fixture.table(first(eventIds, Topics.PRICES))).schema()
            .findField("schedule.element.tiers.element.unitPrice").type())
            .as("decimals stay decimals").isInstanceOf(Types.DecimalType.class);
      }
      assertMetricsServedOnTheRestServer(worker.restUrl(), eventIds.size());
    }
  }

  @Test
  void shouldAddAColumnWhileRunningWhenTheTopicsSchemaGainsAFieldWithDefault() throws Exception {
    SinkFixture fixture = new SinkFixture(temp);
    SourceTopic topic = fixture.copyOf(Topics.TENANTS, 1);
    try (var worker = LakehouseSinkWorker.start(fixture.settings(COMMIT));
         var catalog = fixture.catalog()) {
      String before = UUID.randomUUID().toString();
      produce(fixture, topic, before);
      await().atMost(WAIT).until(() -> SinkFixture.rows(catalog, fixture.table(topic)), r -> r.size() == 1);

      Schema current = SpecificData.get().getSchema(Topics.TENANTS.valueType());
      Schema evolved = withField(current, "region", SchemaBuilder.builder().stringType(), "eu-west");
      GenericRecord event = copy(EventFactory.create(Topics.TENANTS.valueType(), "x"), evolved);
      String after = UUID.randomUUID().toString();
      event.put("eventId", after);
      event.put("region", "us-east");
      try (var serde = new GenericAvroSerde();
           var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
               fixture.kafka.bootstrapServers()), new StringSerializer(), serializer(serde))) {
        producer.send(new ProducerRecord<>(topic.name(), "t-1", event)).get();
      }

      List<Record> rows = await().atMost(WAIT).until(() -> SinkFixture.rows(catalog, fixture.table(topic)),
          r -> r.size() == 2);
      assertThat(catalog.loadTable(fixture.table(topic)).schema().findField("region"))
          .as("the new field became a column").isNotNull();
      Map<Object, Object> regionByEvent = new HashMap<>();
      rows.forEach(r -> regionByEvent.put(r.getField("eventId"), r.getField("region")));
      assertThat(regionByEvent).containsEntry(after, "us-east").containsEntry(before, null);
    }
  }

  @Test
  void shouldServeMetricsOnTheRestServerOfADistributedWorker() throws Exception {
    SinkFixture fixture = new SinkFixture(temp);
    SourceTopic topic = fixture.copyOf(Topics.MODELS, 1);
    SinkSettings settings = fixture.settings(COMMIT).withWorker(SinkSettings.WorkerMode.DISTRIBUTED, List.of());
    try (var worker = LakehouseSinkWorker.start(settings);
         var catalog = fixture.catalog()) {
      produce(fixture, topic, UUID.randomUUID().toString());
      await().atMost(WAIT).until(() -> SinkFixture.rows(catalog, fixture.table(topic)), r -> r.size() == 1);
      assertMetricsServedOnTheRestServer(worker.restUrl(), 1);
    }
  }

  @Test
  void shouldSendAPoisonRecordToDeadLettersAndGoOn() throws Exception {
    SinkFixture fixture = new SinkFixture(temp);
    SourceTopic topic = fixture.copyOf(Topics.LABELS, 1);
    try (var worker = LakehouseSinkWorker.start(fixture.settings(COMMIT));
         var catalog = fixture.catalog()) {
      byte[] poison = "not wire-format avro".getBytes(StandardCharsets.UTF_8);
      RecordMetadata poisoned;
      try (var raw = fixture.rawProducer()) {
        poisoned = raw.send(new ProducerRecord<>(topic.name(), "k".getBytes(StandardCharsets.UTF_8), poison)).get();
      }
      String valid = UUID.randomUUID().toString();
      produce(fixture, topic, valid);

      List<Record> rows = await().atMost(WAIT).until(() -> SinkFixture.rows(catalog, fixture.table(topic)),
          r -> !r.isEmpty());
      assertThat(rows).extracting(r -> r.getField("eventId")).containsExactly(valid);

      ConsumerRecord<byte[], byte[]> letter = await().atMost(WAIT).until(
          () -> deadLetterFrom(fixture, topic.name()), r -> r != null);
      assertThat(letter.value()).isEqualTo(poison);
      assertThat(header(letter, "__connect.errors.topic")).isEqualTo(topic.name());
      assertThat(header(letter, "__connect.errors.partition")).isEqualTo(Integer.toString(poisoned.partition()));
      assertThat(header(letter, "__connect.errors.offset")).isEqualTo(Long.toString(poisoned.offset()));
      assertThat(header(letter, "__connect.errors.exception.message")).isNotBlank();
    }
  }

  /** GET /metrics on the Connect worker's REST server, after rows were committed to {@code tables} tables. */
  private static void assertMetricsServedOnTheRestServer(String restUrl, int tables) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(restUrl).resolve("/metrics")).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
        .startsWith("text/plain").contains("version=0.0.4"));
    String body = response.body();
    assertThat(body).contains("component=\"lakehouse-sink\"").contains("jvm_memory_used_bytes{");
    Matcher age = Pattern.compile("(?m)^strata_lakehouse_commit_age_seconds\\{[^}]*\\} (\\S+)$").matcher(body);
    assertThat(age.find()).as("commit age in:%n%s", body).isTrue();
    double seconds = Double.parseDouble(age.group(1));
    assertThat(seconds).as("seconds since the newest commit").isFinite().isGreaterThanOrEqualTo(0);
    Matcher count = Pattern.compile("(?m)^strata_lakehouse_tables\\{[^}]*\\} (\\S+)$").matcher(body);
    assertThat(count.find()).isTrue();
    assertThat(Double.parseDouble(count.group(1))).isEqualTo(tables);
    Matcher lag = Pattern.compile("(?m)^strata_lakehouse_consumer_lag_records\\{[^}]*\\} (\\S+)$").matcher(body);
    assertThat(lag.find()).as("consumer lag in:%n%s", body).isTrue();
    assertThat(Double.parseDouble(lag.group(1))).as("every record was read").isEqualTo(0.0);
  }

  @SuppressWarnings("unchecked")
  static <V> RecordMetadata produce(SinkFixture fixture, SourceTopic topic, String eventId)
      throws ExecutionException, InterruptedException {
    Topic<String, V> catalogTopic = (Topic<String, V>) topic.catalogTopic();
    try (var producer = fixture.producer(catalogTopic)) {
      V event = EventFactory.create(catalogTopic.valueType(), eventId);
      return producer.send(new ProducerRecord<>(topic.name(), "key-" + eventId, event)).get();
    }
  }

  private static SourceTopic first(Map<SourceTopic, String> topics, Topic<?, ?> catalogTopic) {
    return topics.keySet().stream().filter(t -> t.catalogTopic() == catalogTopic).findFirst().orElseThrow();
  }

  private static Schema withField(Schema record, String name, Schema type, String defaultValue) {
    List<Schema.Field> fields = new java.util.ArrayList<>();
    record.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    fields.add(new Schema.Field(name, type, null, defaultValue));
    return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
  }

  /** The event read as {@code evolved}, through Avro's own schema resolution (the new field gets its default). */
  private static GenericRecord copy(Object specific, Schema evolved) {
    var record = (org.apache.avro.specific.SpecificRecord) specific;
    try {
      var out = new java.io.ByteArrayOutputStream();
      var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
      new org.apache.avro.specific.SpecificDatumWriter<>(record.getSchema()).write(record, encoder);
      encoder.flush();
      var decoder = org.apache.avro.io.DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
      return new org.apache.avro.generic.GenericDatumReader<GenericRecord>(record.getSchema(), evolved)
          .read(null, decoder);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static org.apache.kafka.common.serialization.Serializer<GenericRecord> serializer(GenericAvroSerde serde) {
    serde.configure(Map.of("schema.registry.url", SinkFixture.registryUrl()), false);
    return serde.serializer();
  }

  private static ConsumerRecord<byte[], byte[]> deadLetterFrom(SinkFixture fixture, String sourceTopic) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.kafka.bootstrapServers(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID()),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.DEAD_LETTERS.name()));
      long deadline = System.currentTimeMillis() + 5_000;
      while (System.currentTimeMillis() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          if (sourceTopic.equals(header(record, "__connect.errors.topic"))) {
            return record;
          }
        }
      }
      return null;
    }
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
