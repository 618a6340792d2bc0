package io.strata.serving;

import io.strata.events.ApiCall;
import io.strata.events.Prediction;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Appends each call's {@code api-calls} record (key: app key) and each answer's {@code predictions} record (key:
 * {@code tenant/model/version}) with an idempotent producer ({@code acks=all}), and waits for both to be
 * acknowledged: a call is answered only once it is metered, so an answered call is never lost to billing.
 */
final class CallRecorder implements AutoCloseable {

  private final KafkaProducer<String, ApiCall> calls;
  private final KafkaProducer<String, Prediction> predictions;
  private final ServingSettings.ServingTopics topics;
  private final Duration timeout;

  CallRecorder(Map<String, Object> kafka, ServingSettings.ServingTopics topics, Serializer<ApiCall> callSerializer,
      Serializer<Prediction> predictionSerializer, Duration timeout) {
    var props = new HashMap<String, Object>(kafka);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis() - 100, 30_000));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    this.calls = new KafkaProducer<>(props, new StringSerializer(), callSerializer);
    this.predictions = new KafkaProducer<>(props, new StringSerializer(), predictionSerializer);
    this.topics = topics;
    this.timeout = timeout;
  }

  /** The producers, for their metrics. */
  KafkaProducer<String, ApiCall> callsProducer() {
    return calls;
  }

  /**
   * Records {@code call} and, when not null, {@code prediction}; returns once both are acknowledged.
   *
   * @throws ApiException 503 {@code METERING_UNAVAILABLE} when Kafka does not acknowledge them in time
   */
  void record(ApiCall call, Prediction prediction) {
    Future<RecordMetadata> callSent = calls.send(new ProducerRecord<>(topics.apiCalls(), call.getAppKey(), call));
    Future<RecordMetadata> predictionSent = prediction == null ? null : predictions.send(new ProducerRecord<>(
        topics.predictions(), prediction.getTenantId() + "/" + prediction.getModelName() + "/"
            + prediction.getModelVersion(), prediction));
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      callSent.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (predictionSent != null) {
        predictionSent.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new ApiException(503, "METERING_UNAVAILABLE", "The call could not be recorded (" + e.getMessage()
          + "), so it is not answered; try again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "METERING_UNAVAILABLE", "Interrupted while recording the call; try again");
    }
  }

  @Override
  public void close() {
    calls.close(Duration.ofSeconds(5));
    predictions.close(Duration.ofSeconds(5));
  }
}
