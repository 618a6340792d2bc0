package io.strata.registry.datasets;

import io.strata.events.DatasetVersionItem;
import io.strata.registry.controlplane.ApiError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a version's items from {@code dataset-version-items} with a short-lived consumer: assigned to the version's
 * partition, seeked to the first offset the {@link VersionItemsIndex} knows, reading committed records up to the
 * last one and keeping only the version's key. It stops after {@code itemCount} items, so a versioner that replayed
 * its log (and appended the same items again) does not make items appear twice.
 */
final class VersionItemsReader {

  /** A page of items and the cursor of the next one (null after the last item). */
  record Page(List<DatasetVersionItem> items, ItemCursor next) {}

  private final Map<String, Object> kafka;
  private final String topic;
  private final Supplier<Deserializer<DatasetVersionItem>> deserializers;
  private final VersionItemsIndex index;
  private final Duration timeout;

  VersionItemsReader(Map<String, Object> kafka, String topic, Supplier<Deserializer<DatasetVersionItem>> deserializers,
      VersionItemsIndex index, Duration timeout) {
    this.kafka = Map.copyOf(kafka);
    this.topic = topic;
    this.deserializers = deserializers;
    this.index = index;
    this.timeout = timeout;
  }

  /** Up to {@code limit} items of the version with key {@code key} after {@code after} (null: from the start). */
  Page page(String key, long itemCount, ItemCursor after, int limit) {
    var items = new ArrayList<DatasetVersionItem>();
    ItemCursor next = scan(key, itemCount, after, limit, items::add);
    return new Page(items, next);
  }

  /** Every item of the version, in log order. */
  void forEach(String key, long itemCount, Consumer<DatasetVersionItem> action) {
    scan(key, itemCount, null, Long.MAX_VALUE, action);
  }

  private ItemCursor scan(String key, long itemCount, ItemCursor after, long limit,
      Consumer<DatasetVersionItem> action) {
    long position = after == null ? 0 : after.position();
    if (position >= itemCount) {
      return null;
    }
    try (var consumer = consumer(); var deserializer = deserializers.get()) {
      var partitions = consumer.partitionsFor(topic, timeout).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      var ends = new HashMap<Integer, Long>();
      consumer.endOffsets(partitions, timeout).forEach((tp, offset) -> ends.put(tp.partition(), offset));
      index.awaitReached(ends, timeout);
      var location = index.location(key).orElseThrow(() -> unavailable(key, "no item with this key is stored"));
      var partition = new TopicPartition(topic, location.partition());
      long offset = after == null ? location.firstOffset() : after.offset();
      long stop = location.lastOffset() + 1;
      consumer.assign(List.of(partition));
      consumer.seek(partition, offset);
      long taken = 0;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (position < itemCount && taken < limit && offset < stop) {
        var records = consumer.poll(Duration.ofMillis(100)).records(partition);
        if (records.isEmpty()) {
          offset = Math.max(offset, consumer.position(partition));
          if (System.nanoTime() > deadline) {
            throw unavailable(key, "reading stopped at offset " + offset + " of partition " + partition.partition()
                + " before offset " + location.lastOffset());
          }
          continue;
        }
        for (var record : records) {
          if (record.offset() >= stop) {
            offset = stop;
            break;
          }
          if (position >= itemCount || taken >= limit) {
            break;
          }
          offset = record.offset() + 1;
          if (key.equals(record.key()) && record.value() != null) {
            action.accept(deserializer.deserialize(topic, record.headers(), record.value()));
            position++;
            taken++;
          }
        }
        deadline = System.nanoTime() + timeout.toNanos();
      }
      return position < itemCount && offset < stop ? new ItemCursor(offset, position) : null;
    } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
      throw unavailable(key, e.getMessage());
    }
  }

  private KafkaConsumer<String, byte[]> consumer() {
    var props = new HashMap<String, Object>(kafka);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private ApiError unavailable(String key, String why) {
    return new ApiError(503, "ITEMS_UNAVAILABLE", "Cannot read the items of '" + key + "' from topic '" + topic
        + "': " + why + "; check that Kafka is reachable and retry");
  }
}
