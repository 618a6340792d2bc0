package io.strata.registry.schemas;

import io.strata.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The storage topic and the clients that use it: created when missing, refused when it cannot work. */
final class StorageTopic {

  private static final Logger log = LoggerFactory.getLogger(StorageTopic.class);

  private StorageTopic() {}

  /**
   * Creates the topic with the catalog's configs ({@code Topics.SCHEMAS}) when it does not exist.
   *
   * @throws IllegalStateException when the topic has more than one partition: no retry will help
   * @throws KafkaException when Kafka does not answer in time or refuses; worth retrying
   */
  static void prepare(StoreSettings settings, String instance) {
    try (Admin admin = Admin.create(adminConfig(settings, instance))) {
      TopicDescription description = describe(admin, settings);
      if (description == null) {
        create(admin, settings);
        description = describe(admin, settings);
      }
      int partitions = description == null ? 1 : description.partitions().size();
      if (partitions != 1) {
        throw new IllegalStateException("Topic '" + settings.topic() + "' has " + partitions + " partitions; the"
            + " schema registry needs exactly one, because schema ids follow its log order. Point "
            + StoreSettings.TOPIC + " at a one-partition topic.");
      }
    } catch (ExecutionException e) {
      throw new KafkaException("Cannot prepare topic '" + settings.topic() + "': " + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new org.apache.kafka.common.errors.TimeoutException("Kafka at " + settings.bootstrapServers()
          + " did not describe topic '" + settings.topic() + "' within " + settings.timeout(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WakeupException();
    }
  }

  private static TopicDescription describe(Admin admin, StoreSettings settings)
      throws ExecutionException, InterruptedException, TimeoutException {
    try {
      return admin.describeTopics(List.of(settings.topic())).allTopicNames()
          .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS).get(settings.topic());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw e;
    }
  }

  private static void create(Admin admin, StoreSettings settings)
      throws ExecutionException, InterruptedException, TimeoutException {
    var topic = new NewTopic(settings.topic(), Optional.of(1), Optional.empty()).configs(Topics.SCHEMAS.configs());
    try {
      admin.createTopics(List.of(topic)).all().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
      log.info("Created the schema topic: topic={} configs={}", settings.topic(), Topics.SCHEMAS.configs());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /** Idempotent, {@code acks=all}, no batching delay; gives up within the registry's timeout. */
  static Map<String, Object> producerConfig(StoreSettings settings, String instance) {
    int timeoutMs = (int) settings.timeout().toMillis();
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
        ProducerConfig.CLIENT_ID_CONFIG, "strata-registry-writer-" + instance,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 0,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) timeoutMs,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
  }

  /** No group: the partition is assigned and read from the beginning, nothing is committed. */
  static Map<String, Object> consumerConfig(StoreSettings settings, String instance) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
        ConsumerConfig.CLIENT_ID_CONFIG, "strata-registry-reader-" + instance,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
  }

  private static Map<String, Object> adminConfig(StoreSettings settings, String instance) {
    int timeoutMs = (int) settings.timeout().toMillis();
    return Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
        AdminClientConfig.CLIENT_ID_CONFIG, "strata-registry-admin-" + instance,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
  }
}
