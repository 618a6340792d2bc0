package io.strata.schemas.topics;

import io.strata.events.ApiCall;
import io.strata.events.AppEvent;
import io.strata.events.DatasetEvent;
import io.strata.events.DatasetVersionItem;
import io.strata.events.DriftReport;
import io.strata.events.IngestRejection;
import io.strata.events.Invoice;
import io.strata.events.LabelEvent;
import io.strata.events.ModelEvent;
import io.strata.events.Prediction;
import io.strata.events.PriceBookEntry;
import io.strata.events.SampleEvent;
import io.strata.events.TenantEvent;
import io.strata.events.TrainerEvent;
import io.strata.events.TrainingJobEvent;
import io.strata.events.UsageRecord;
import io.strata.schemas.topics.Topic.ValueFormat;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.avro.specific.SpecificRecord;

/**
 * The typed catalog of every Strata topic (ARCHITECTURE.md §2). This is the only place that spells a
 * topic name.
 *
 * <p>Retained topics use {@code message.timestamp.type=LogAppendTime}, so retention counts from when
 * the broker appended a record and an old {@code occurredAt} can never make the broker drop a fresh
 * record. Topics whose key identifies an entity with a current state ({@code apps}, {@code prices},
 * {@code trainers}, {@code _schemas}) are compacted, and their events carry that entity's whole state.
 */
public final class Topics {

  /** Keep forever: the log is the source of truth. */
  private static final Duration FOREVER = Duration.ofMillis(-1);

  public static final Topic<String, SampleEvent> SAMPLES = retained("samples", SampleEvent.class, 6, FOREVER);
  public static final Topic<String, IngestRejection> INGEST_REJECTIONS =
      retained("ingest-rejections", IngestRejection.class, 3, Duration.ofDays(90));
  public static final Topic<String, LabelEvent> LABELS = retained("labels", LabelEvent.class, 6, FOREVER);
  public static final Topic<String, DatasetEvent> DATASETS = retained("datasets", DatasetEvent.class, 3, FOREVER);
  public static final Topic<String, DatasetVersionItem> DATASET_VERSION_ITEMS =
      retained("dataset-version-items", DatasetVersionItem.class, 6, FOREVER);
  public static final Topic<String, TrainingJobEvent> TRAINING_JOBS =
      retained("training-jobs", TrainingJobEvent.class, 3, FOREVER);
  public static final Topic<String, ModelEvent> MODELS = retained("models", ModelEvent.class, 3, FOREVER);
  /** Custom trainers, keyed {@code tenantId/name}; every event carries the trainer's whole state. */
  public static final Topic<String, TrainerEvent> TRAINERS = compacted("trainers", TrainerEvent.class, 3);
  /** Tenants; the key and the header's tenantId are the tenant id. */
  public static final Topic<String, TenantEvent> TENANTS = compacted("tenants", TenantEvent.class, 1);
  public static final Topic<String, AppEvent> APPS = compacted("apps", AppEvent.class, 3);
  /** High volume; the lakehouse keeps the whole history. */
  public static final Topic<String, ApiCall> API_CALLS = retained("api-calls", ApiCall.class, 6, Duration.ofDays(30));
  public static final Topic<String, Prediction> PREDICTIONS =
      retained("predictions", Prediction.class, 6, Duration.ofDays(30));
  public static final Topic<String, DriftReport> DRIFT_REPORTS =
      retained("drift-reports", DriftReport.class, 3, FOREVER);
  public static final Topic<String, PriceBookEntry> PRICES = compacted("prices", PriceBookEntry.class, 1);
  public static final Topic<String, UsageRecord> USAGE = retained("usage", UsageRecord.class, 3, FOREVER);
  public static final Topic<String, Invoice> INVOICES = retained("invoices", Invoice.class, 3, FOREVER);

  /**
   * The schema registry's storage, in Confluent's JSON key/value layout. One partition, because global
   * schema ids follow its log order. Compaction waits a day so that every registration's explicit
   * record is written long before the proposal it settles can be compacted away.
   */
  public static final Topic<String, String> SCHEMAS = new Topic<>("_schemas", Serdes.String(), String.class,
      ValueFormat.JSON, 1, Map.of(
          "cleanup.policy", "compact",
          "min.compaction.lag.ms", Long.toString(Duration.ofDays(1).toMillis())));

  /**
   * Poison records, copied byte for byte from the topic they were read from, with the reason, source
   * topic, partition and offset in headers (see {@link DeadLetterHeaders}).
   */
  public static final Topic<byte[], byte[]> DEAD_LETTERS = new Topic<>("dead-letters", Serdes.ByteArray(),
      byte[].class, ValueFormat.BYTES, 3, retainedConfigs(Duration.ofDays(30)));

  private static final List<Topic<?, ?>> ALL = List.of(SAMPLES, INGEST_REJECTIONS, LABELS, DATASETS,
      DATASET_VERSION_ITEMS, TRAINING_JOBS, MODELS, TENANTS, APPS, API_CALLS, PREDICTIONS, DRIFT_REPORTS, PRICES, USAGE,
      INVOICES, TRAINERS, SCHEMAS, DEAD_LETTERS);

  private Topics() {}

  /** Every topic of the platform, in a stable order. */
  public static List<Topic<?, ?>> all() {
    return ALL;
  }

  /** Topics whose values are Avro records (one {@code <topic>-value} subject each). */
  public static List<Topic<?, ?>> avro() {
    return ALL.stream().filter(t -> t.valueFormat() == ValueFormat.AVRO).toList();
  }

  /** The catalog entry named {@code name}, if any. */
  public static Optional<Topic<?, ?>> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  private static <V extends SpecificRecord> Topic<String, V> retained(
      String name, Class<V> type, int partitions, Duration retention) {
    return new Topic<>(name, Serdes.String(), type, ValueFormat.AVRO, partitions, retainedConfigs(retention));
  }

  private static <V extends SpecificRecord> Topic<String, V> compacted(String name, Class<V> type, int partitions) {
    return new Topic<>(name, Serdes.String(), type, ValueFormat.AVRO, partitions, Map.of("cleanup.policy", "compact"));
  }

  private static Map<String, String> retainedConfigs(Duration retention) {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put("cleanup.policy", "delete");
    configs.put("retention.ms", Long.toString(retention.toMillis()));
    configs.put("message.timestamp.type", "LogAppendTime");
    return configs;
  }
}
