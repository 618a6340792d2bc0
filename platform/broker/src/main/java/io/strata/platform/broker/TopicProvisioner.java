package io.strata.platform.broker;

import io.strata.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates catalog topics on any Kafka cluster (the embedded broker or an external one), idempotently:
 * a topic that exists already is left as it is. An existing topic whose partition count differs from the
 * catalog is reported with a warning, never changed, since repartitioning would move keys between
 * partitions.
 *
 * <p>New topics get the catalog's partition count and configs and the cluster's default replication
 * factor ({@code default.replication.factor}). {@link #provision} returns once every topic has a leader
 * for each partition, so a Kafka Streams application started next finds its source topics.
 */
public final class TopicProvisioner {

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final long LEADER_POLL_MILLIS = 25;

  private final Admin admin;
  private final Duration timeout;

  /**
   * @param admin an admin client of the target cluster; the caller keeps ownership and closes it
   * @param timeout how long to wait for the cluster, for each step (create, describe, leaders)
   */
  public TopicProvisioner(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * What {@link #provision} did.
   *
   * @param created topics created now
   * @param existing topics that existed already (left unchanged)
   * @param partitionMismatches existing topics whose partition count differs from the catalog
   */
  public record Result(List<String> created, List<String> existing, List<String> partitionMismatches) {
    public Result {
      created = List.copyOf(created);
      existing = List.copyOf(existing);
      partitionMismatches = List.copyOf(partitionMismatches);
    }
  }

  /**
   * Creates every given topic that does not exist yet, and waits until all of them have leaders.
   *
   * @throws IllegalStateException when the cluster refuses a topic or does not answer in time
   */
  public Result provision(Collection<? extends Topic<?, ?>> topics) {
    return create(topics.stream()
        .map(topic -> new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty())
            .configs(topic.configs()))
        .toList());
  }

  Result create(List<NewTopic> topics) {
    if (topics.isEmpty()) {
      return new Result(List.of(), List.of(), List.of());
    }
    Map<String, KafkaFuture<Void>> futures = admin.createTopics(topics).values();
    var created = new ArrayList<String>();
    var existing = new ArrayList<NewTopic>();
    for (var topic : topics) {
      try {
        await(futures.get(topic.name()), "create topic '" + topic.name() + "'");
        created.add(topic.name());
        log.info("Created topic {} with {} partitions and configs {}", topic.name(), topic.numPartitions(),
            topic.configs());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("Cannot create topic '" + topic.name() + "': " + e.getCause().getMessage()
              + ". Check that the cluster accepts its partitions and configs " + topic.configs(), e.getCause());
        }
        existing.add(topic);
      }
    }
    var descriptions = awaitLeaders(topics.stream().map(NewTopic::name).toList());
    var mismatches = new ArrayList<String>();
    for (var topic : existing) {
      int actual = descriptions.get(topic.name()).partitions().size();
      if (actual != topic.numPartitions()) {
        mismatches.add(topic.name());
        log.warn("Topic {} exists with {} partitions but the catalog asks for {}; left unchanged "
            + "(records keep their partitions). Recreate the topic to follow the catalog.",
            topic.name(), actual, topic.numPartitions());
      } else {
        log.debug("Topic {} exists already with {} partitions", topic.name(), actual);
      }
    }
    return new Result(created, existing.stream().map(NewTopic::name).toList(), mismatches);
  }

  /**
   * A new topic reaches the brokers' metadata shortly after the controller accepts it; until then clients
   * see it as unknown. Polls until every partition of every topic has a leader.
   */
  private Map<String, TopicDescription> awaitLeaders(List<String> names) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        var descriptions = await(admin.describeTopics(names).allTopicNames(), "describe topics " + names);
        boolean allLed = descriptions.values().stream()
            .flatMap(description -> description.partitions().stream())
            .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
        if (allLed) {
          return descriptions;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new IllegalStateException("Cannot describe topics " + names + ": " + e.getCause().getMessage(),
              e.getCause());
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Topics " + names + " have no leader for every partition after " + timeout
            + "; check the brokers' logs");
      }
      pause();
    }
  }

  private <T> T await(KafkaFuture<T> future, String what) throws ExecutionException {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("The Kafka cluster did not " + what + " within " + timeout
          + "; check that it runs and that bootstrap.servers points at it", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting to " + what, e);
    }
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(LEADER_POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for topic leaders", e);
    }
  }
}
