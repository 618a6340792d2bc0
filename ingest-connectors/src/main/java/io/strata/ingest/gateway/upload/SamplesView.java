package io.strata.ingest.gateway.upload;

import io.strata.auth.limits.MonthlyUsage;
import io.strata.events.SampleEvent;
import io.strata.events.SampleEventKind;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tenant's uploaded samples, as the {@code samples} topic says: read from the beginning by one thread
 * (assigned partitions, no consumer group, nothing committed), keyed by tenant and sample id. Samples this
 * gateway appends are added as soon as their write is acknowledged, so a retry never waits for the poll.
 * A {@code DELETED} event removes the sample; other kinds leave it as it is.
 */
public final class SamplesView implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SamplesView.class);
  private static final Duration POLL = Duration.ofMillis(100);
  static final int FETCH_MIN_BYTES = 64 * 1024;
  static final Duration FETCH_MAX_WAIT = Duration.ofMillis(250);

  private final String topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Deserializer<SampleEvent> deserializer;
  private final BiConsumer<ConsumerRecord<byte[], byte[]>, String> poison;
  /** Insertion-ordered and bounded: the oldest uploads are forgotten first once {@link Bounds#maxSamples} is reached. */
  private final Map<String, KnownSample> samples;
  private final FailedReviews failed;
  private final Bounds bounds;
  /** Billable units of one accepted upload. */
  public static final long UPLOAD_UNITS = 1;
  private volatile MonthlyUsage usage;
  private final Object progress = new Object();
  private Map<TopicPartition, Long> startEnd = Map.of();
  private volatile boolean caughtUp;
  private volatile RuntimeException failure;
  private Thread thread;

  /**
   * How much the view may hold. Memory is about 1 KB per sample plus 200 bytes per listed failure, so the defaults
   * ({@value #DEFAULT_MAX_SAMPLES} samples, {@value #DEFAULT_MAX_FAILED_PER_TENANT} failures per tenant) stay under
   * about 256 MB plus 2 MB per tenant with failures.
   *
   * @param maxSamples samples kept over all tenants; beyond it the oldest uploads are forgotten: a re-upload of a
   *     forgotten sample is answered 201 and appends a second {@code UPLOADED} event for the same sample id, and
   *     {@code GET /v1/samples/{id}} answers 404 for it
   * @param maxFailedPerTenant failed reviews listed per tenant (the newest ones)
   */
  public record Bounds(int maxSamples, int maxFailedPerTenant) {
    public Bounds {
      if (maxSamples < 1 || maxFailedPerTenant < 1) {
        throw new IllegalArgumentException("Samples view bounds must be at least 1, got maxSamples=" + maxSamples
            + " maxFailedPerTenant=" + maxFailedPerTenant);
      }
    }
  }

  public static final int DEFAULT_MAX_SAMPLES = 250_000;
  public static final int DEFAULT_MAX_FAILED_PER_TENANT = 10_000;

  /** A view with the default {@link Bounds}. */
  public SamplesView(Map<String, Object> kafka, String topic, Deserializer<SampleEvent> deserializer,
      BiConsumer<ConsumerRecord<byte[], byte[]>, String> poison) {
    this(kafka, topic, deserializer, poison, new Bounds(DEFAULT_MAX_SAMPLES, DEFAULT_MAX_FAILED_PER_TENANT));
  }

  /**
   * @param kafka client properties
   * @param topic the samples topic
   * @param deserializer decodes {@link SampleEvent}s (closed with the view)
   * @param poison where a record that does not decode goes, with the reason (the dead-letter topic)
   * @param bounds how much the view holds
   */
  public SamplesView(Map<String, Object> kafka, String topic, Deserializer<SampleEvent> deserializer,
      BiConsumer<ConsumerRecord<byte[], byte[]>, String> poison, Bounds bounds) {
    this.bounds = Objects.requireNonNull(bounds, "bounds");
    this.samples = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, KnownSample> eldest) {
        return size() > bounds.maxSamples();
      }
    });
    this.failed = new FailedReviews(bounds.maxFailedPerTenant());
    this.topic = Objects.requireNonNull(topic, "topic");
    this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    this.poison = Objects.requireNonNull(poison, "poison");
    var props = new HashMap<String, Object>(kafka);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-gateway-samples-view");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    // Fetch in batches: this gateway's own uploads enter the view when acknowledged, so only other instances'
    // uploads and the quality reviews wait for a fetch, at most FETCH_MAX_WAIT. Fetching each event as it is
    // appended cost the gateway a sixth of its CPU under upload load (one fetch round trip per upload).
    props.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
    props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) FETCH_MAX_WAIT.toMillis());
    this.consumer = new KafkaConsumer<>(props);
  }

  /**
   * Counts {@value #UPLOAD_UNITS} billable unit per {@code UPLOADED} event of an app into {@code usage}, from the
   * start of the topic, so that every gateway instance sees every instance's uploads. Call before {@link #start()}.
   */
  public void meterUploadsInto(MonthlyUsage usage) {
    this.usage = usage;
  }

  /** Assigns every partition from the beginning and starts reading. */
  public synchronized void start() {
    var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    if (partitions.isEmpty()) {
      throw new IllegalStateException("Topic '" + topic + "' does not exist; create it (strata up provisions "
          + "every catalog topic) before starting the gateway");
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    startEnd = consumer.endOffsets(partitions);
    thread = new Thread(this::run, "samples-view-" + topic);
    thread.setDaemon(true);
    thread.start();
    log.info("Samples view started topic={} endOffsets={}", topic, startEnd);
  }

  /** The tenant's sample with this id, if it uploaded it (and did not delete it). */
  public Optional<KnownSample> find(String tenantId, String sampleId) {
    return Optional.ofNullable(samples.get(key(tenantId, sampleId)));
  }

  /**
   * Up to {@code limit} of the tenant's samples whose latest quality assessment failed, newest assessment first,
   * after {@code after} (a position from a previous page); the next position when more follow.
   */
  public FailedPage failedReviews(String tenantId, Optional<FailedReviews.Position> after, int limit) {
    FailedReviews.Page page = failed.page(tenantId, after, limit);
    var listed = page.failed().stream()
        .map(f -> new Reviewed(f.sampleId(), find(tenantId, f.sampleId()), f.quality()))
        .toList();
    return new FailedPage(listed, page.next());
  }

  /**
   * A sample that failed review: its upload (empty when the view no longer holds it, see {@link Bounds}) and the
   * assessment.
   */
  public record Reviewed(String sampleId, Optional<KnownSample> sample, SampleQuality quality) {}

  /** One page of {@link #failedReviews}. */
  public record FailedPage(java.util.List<Reviewed> samples, Optional<FailedReviews.Position> next) {}

  /** The bounds this view holds to. */
  public Bounds bounds() {
    return bounds;
  }

  /** Records a sample whose {@code UPLOADED} event was just acknowledged. */
  void remember(SampleEvent event) {
    apply(event);
  }

  /** How many samples the view holds, over all tenants. */
  public int size() {
    return samples.size();
  }

  /** True once every event that was in the topic at start has been applied. */
  public boolean caughtUp() {
    return caughtUp;
  }

  /** Waits until {@link #caughtUp()}; @throws IllegalStateException after {@code timeout} or if reading failed */
  public void awaitCaughtUp(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (!caughtUp) {
        if (failure != null) {
          throw new IllegalStateException("Samples view of '" + topic + "' stopped: " + failure.getMessage(), failure);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("Samples view of '" + topic + "' did not catch up with end offsets "
              + startEnd + " within " + timeout + "; is the broker reachable?");
        }
        try {
          progress.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while the samples view caught up", e);
        }
      }
    }
  }

  private void run() {
    try {
      while (true) {
        for (var record : consumer.poll(POLL)) {
          applyRecord(record);
        }
        if (!caughtUp && startEnd.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
          synchronized (progress) {
            caughtUp = true;
            progress.notifyAll();
          }
          log.info("Samples view caught up topic={} samples={}", topic, samples.size());
        }
      }
    } catch (WakeupException e) {
      // close() stops the thread.
    } catch (RuntimeException e) {
      log.error("Samples view stopped topic={}: {}", topic, e.toString(), e);
      synchronized (progress) {
        failure = e;
        progress.notifyAll();
      }
    } finally {
      consumer.close();
    }
  }

  private void applyRecord(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    SampleEvent event;
    try {
      event = deserializer.deserialize(record.topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      poison.accept(record, e.getClass().getName() + ": " + e.getMessage());
      return;
    }
    meter(event);
    apply(event);
  }

  /** Counts an upload read from the topic (never one {@link #remember}ed, which the topic brings again). */
  private void meter(SampleEvent event) {
    MonthlyUsage meter = usage;
    if (meter != null && event.getKind() == SampleEventKind.UPLOADED && event.getUploaded() != null
        && event.getUploaded().getAppKey() != null) {
      meter.record(event.getUploaded().getAppKey(), event.getOccurredAt(), UPLOAD_UNITS);
    }
  }

  private void apply(SampleEvent event) {
    String key = key(event.getTenantId(), event.getSampleId());
    if (event.getKind() == SampleEventKind.UPLOADED && event.getUploaded() != null) {
      samples.putIfAbsent(key, KnownSample.of(event));
    } else if (event.getKind() == SampleEventKind.QUALITY_ASSESSED && event.getQuality() != null) {
      SampleQuality quality = SampleQuality.of(event);
      samples.computeIfPresent(key, (k, sample) -> sample.withQuality(quality));
      failed.assessed(event.getTenantId(), event.getSampleId(), quality);
    } else if (event.getKind() == SampleEventKind.DELETED) {
      samples.remove(key);
      failed.remove(event.getTenantId(), event.getSampleId());
    }
  }

  private static String key(String tenantId, String sampleId) {
    return tenantId + '\u0000' + sampleId;
  }

  @Override
  public synchronized void close() {
    if (thread != null) {
      consumer.wakeup();
      try {
        thread.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    } else {
      consumer.close();
    }
    deserializer.close();
  }
}
