package io.strata.trainer.custom;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.events.BoundingBox;
import io.strata.events.DatasetVersionItem;
import io.strata.events.Split;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Writes a dataset version's items as {@code items.jsonl}, one JSON object per distinct sample:
 * {@code {"sampleId","split","classLabel","boxes":[{"classLabel","xMin","yMin","xMax","yMax","difficult"}],
 * "blobUri","path"}}. {@code classLabel} is the class the built-in trainer trains the item as (its image-level
 * label, else its largest box's); {@code path} is the blob's local file for a local blob store, else null (read
 * {@code blobUri}). The items are read like the built-in trainer reads them: the partition of key
 * {@code dataset/version} of {@code dataset-version-items}, {@code read_committed}, until {@code expected}
 * distinct samples were seen. Memory: one entry per sample (the version's items, not their images).
 */
public final class ItemsFile {

  /** What was written. */
  public record Written(long items, List<String> trainClasses) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Object> kafka;
  private final String topic;
  private final Deserializer<DatasetVersionItem> values;

  public ItemsFile(Map<String, Object> kafka, String topic, Deserializer<DatasetVersionItem> values) {
    this.kafka = kafka;
    this.topic = topic;
    this.values = values;
  }

  /**
   * Reads the items of {@code datasetId} version {@code version} and writes them to {@code file}.
   *
   * @throws IOException when they do not all arrive within {@code timeout}, belong to another tenant, or the file
   *     cannot be written
   */
  public Written write(String tenantId, String datasetId, int version, long expected, Duration timeout, Path file)
      throws IOException {
    String key = datasetId + "/" + version;
    Map<String, DatasetVersionItem> bySample = new LinkedHashMap<>();
    var props = new Properties();
    props.putAll(kafka);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "trainer-launcher-items");
    long deadline = System.nanoTime() + timeout.toNanos();
    try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      var partitions = consumer.partitionsFor(topic, timeout);
      if (partitions == null || partitions.isEmpty()) {
        throw new IOException("topic '" + topic + "' does not exist: no dataset version was cut");
      }
      int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions.size();
      var tp = new TopicPartition(topic, partition);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      while (bySample.size() < expected) {
        if (System.nanoTime() > deadline) {
          throw new IOException("got " + bySample.size() + " of the " + expected + " items of dataset version '" + key
              + "' from topic '" + topic + "' within " + timeout.toSeconds() + " s");
        }
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (!key.equals(record.key()) || record.value() == null) {
            continue;
          }
          if (!tenantId.equals(record.value().getTenantId())) {
            throw new IOException("dataset version '" + key + "' belongs to another tenant than '" + tenantId
                + "'; refusing to hand its items to the trainer");
          }
          bySample.put(record.value().getSampleId(), record.value());
        }
      }
    }
    Set<String> classes = new TreeSet<>();
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (DatasetVersionItem item : bySample.values()) {
        Optional<String> label = classOf(item);
        if (item.getSplit() == Split.TRAIN) {
          label.ifPresent(classes::add);
        }
        out.write(JSON.writeValueAsString(line(item, label.orElse(null))));
        out.newLine();
      }
    }
    return new Written(bySample.size(), List.copyOf(classes));
  }

  /** The class an item is trained as by the built-in trainer: its image label, else its largest box's. */
  static Optional<String> classOf(DatasetVersionItem item) {
    if (item.getClassLabel() != null && !item.getClassLabel().isBlank()) {
      return Optional.of(item.getClassLabel());
    }
    return item.getBoxes().stream()
        .max(Comparator.comparingDouble(b -> (b.getXMax() - b.getXMin()) * (b.getYMax() - b.getYMin())))
        .map(BoundingBox::getClassLabel);
  }

  static Map<String, Object> line(DatasetVersionItem item, String classLabel) {
    var json = new LinkedHashMap<String, Object>();
    json.put("sampleId", item.getSampleId());
    json.put("split", item.getSplit().name());
    json.put("classLabel", classLabel);
    var boxes = new ArrayList<Map<String, Object>>();
    for (BoundingBox box : item.getBoxes()) {
      var b = new HashMap<String, Object>();
      b.put("classLabel", box.getClassLabel());
      b.put("xMin", box.getXMin());
      b.put("yMin", box.getYMin());
      b.put("xMax", box.getXMax());
      b.put("yMax", box.getYMax());
      b.put("difficult", box.getDifficult());
      boxes.add(b);
    }
    json.put("boxes", boxes);
    json.put("blobUri", item.getBlobUri());
    json.put("path", localPath(item.getBlobUri()));
    return json;
  }

  /** The local file of a {@code file:} blob URI that exists, else null. */
  static String localPath(String blobUri) {
    if (blobUri == null || !blobUri.startsWith("file:")) {
      return null;
    }
    try {
      Path path = Path.of(URI.create(blobUri));
      return Files.isRegularFile(path) ? path.toString() : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
