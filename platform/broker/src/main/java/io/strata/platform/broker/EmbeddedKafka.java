package io.strata.platform.broker;

import io.strata.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster (KRaft, one process that is both broker and controller) running in
 * this JVM, with a real log directory and real listeners. At start it creates every topic of the
 * catalog ({@link Topics#all()}) that does not exist yet. Restarting on the same data directory finds the
 * same cluster and its records.
 *
 * <p>{@code strata up} runs one with {@link #start(BrokerSettings)}; tests share one per JVM through
 * {@link #shared()} and give each test its own topic names ({@link TestTopics#unique(String)}).
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final BrokerSettings settings;
  private final KafkaRaftServer server;
  private final boolean shared;
  private boolean closed;

  private EmbeddedKafka(BrokerSettings settings, KafkaRaftServer server, boolean shared) {
    this.settings = settings;
    this.server = server;
    this.shared = shared;
  }

  /**
   * Starts a broker and creates the catalog topics; returns once clients can use it.
   *
   * @throws PortInUseException when the broker or the controller port is taken (checked before Kafka
   *     starts; the message names the flag that changes the port)
   * @throws IllegalStateException when the data directory cannot be formatted or the topics cannot be created
   */
  public static EmbeddedKafka start(BrokerSettings settings) {
    return start(settings, false);
  }

  /**
   * The JVM-wide broker for tests: started on first use on free ports in a temporary directory, stopped
   * (and its directory deleted) by a shutdown hook. {@link #close()} on it does nothing, so a test may use
   * it in try-with-resources without stopping it for the others. Tests must use their own topic names.
   */
  public static EmbeddedKafka shared() {
    return SharedBroker.instance();
  }

  static EmbeddedKafka start(BrokerSettings settings, boolean shared) {
    Ports.requireFree(settings.host(), settings.brokerPort(), "Kafka broker", "--kafka-port");
    Ports.requireFree(settings.host(), settings.controllerPort(), "Kafka controller", "--controller-port");

    var directory = new BrokerDirectory(settings.dataDirectory());
    var properties = ServerProperties.of(settings, directory);
    directory.prepare(properties);

    long started = System.nanoTime();
    var server = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
    var kafka = new EmbeddedKafka(settings, server, shared);
    try {
      server.startup();
      log.info("Kafka broker started: bootstrapServers={} controllerPort={} dataDirectory={} startupMs={}",
          kafka.bootstrapServers(), settings.controllerPort(), directory.root(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      kafka.provisionCatalogTopics();
      return kafka;
    } catch (RuntimeException e) {
      kafka.stop();
      throw e;
    }
  }

  private void provisionCatalogTopics() {
    try (var admin = Admin.create(clientProperties())) {
      var result = new TopicProvisioner(admin, ADMIN_TIMEOUT).provision(Topics.all());
      log.info("Catalog topics ready: bootstrapServers={} created={} existing={}",
          bootstrapServers(), result.created().size(), result.existing().size());
    }
  }

  /** {@code localhost:<broker port>} (or the configured host), for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return settings.advertisedHost() + ":" + settings.brokerPort();
  }

  /** The settings this broker runs with (for the shared broker: its temporary directory and ports). */
  public BrokerSettings settings() {
    return settings;
  }

  /** The client properties that reach this broker ({@code bootstrap.servers}); add your own to a copy. */
  public Map<String, Object> clientProperties() {
    return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
  }

  /**
   * Creates a topic that is not in the catalog (tests), with one replica and the broker's default configs,
   * and returns once it has a leader. Does nothing when the topic exists already.
   *
   * @throws IllegalStateException when the broker refuses the topic
   */
  public void createTopic(String name, int partitions) {
    createTopic(name, partitions, Map.of());
  }

  /** As {@link #createTopic(String, int)}, with topic-level configs. */
  public void createTopic(String name, int partitions, Map<String, String> configs) {
    try (var admin = Admin.create(clientProperties())) {
      new TopicProvisioner(admin, ADMIN_TIMEOUT)
          .create(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs)));
    }
  }

  /** Stops the broker and waits until it has stopped; the data directory stays. Does nothing on {@link #shared()}. */
  @Override
  public void close() {
    if (shared) {
      log.debug("Ignoring close() on the shared test broker; it stops when the JVM exits");
      return;
    }
    stop();
  }

  synchronized void stop() {
    if (closed) {
      return;
    }
    closed = true;
    long stopping = System.nanoTime();
    server.shutdown();
    server.awaitShutdown();
    log.info("Kafka broker stopped: bootstrapServers={} shutdownMs={}", bootstrapServers(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping));
  }
}
