package io.strata.observability.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The Prometheus metrics of one Strata component (one process): every meter carries the tag
 * {@code component=<name>}; JVM memory, GC, threads and class loading, and process CPU, uptime and file descriptors
 * are registered at creation. Kafka clients and Streams applications are added with the {@code bind*} methods,
 * HTTP requests are timed through {@link #http()}, and {@link #scrape()} renders everything in the Prometheus text
 * format 0.0.4 ({@link #CONTENT_TYPE}). Thread-safe; close it when the component stops.
 */
public final class ComponentMetrics implements AutoCloseable {

  /** The content type of {@link #scrape()}: Prometheus text exposition format 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final String component;
  private final PrometheusMeterRegistry registry;
  private final HttpRequestMetrics http;
  private final List<AutoCloseable> bindings = new ArrayList<>();

  private ComponentMetrics(String component, PrometheusMeterRegistry registry) {
    this.component = component;
    this.registry = registry;
    this.http = new HttpRequestMetrics(registry);
  }

  /**
   * A registry for the component named {@code component} (e.g. {@code registry}, {@code gateway},
   * {@code stream-processors}), with the JVM and process metrics already bound.
   */
  public static ComponentMetrics create(String component) {
    if (Objects.requireNonNull(component, "component").isBlank()) {
      throw new IllegalArgumentException("Component name must not be blank: it is the 'component' tag of every metric");
    }
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("component", component);
    var metrics = new ComponentMetrics(component, registry);
    new JvmMemoryMetrics().bindTo(registry);
    var gc = new JvmGcMetrics();
    gc.bindTo(registry);
    metrics.bindings.add(gc);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    return metrics;
  }

  /** The component name carried by every metric as the {@code component} tag. */
  public String component() {
    return component;
  }

  /** The registry, to register the component's own meters (counters, gauges) on. */
  public MeterRegistry registry() {
    return registry;
  }

  /** HTTP request timing for the component's server, if it has one. */
  public HttpRequestMetrics http() {
    return http;
  }

  /**
   * Publishes a producer's client metrics ({@code kafka_producer_*}: records sent, errors, request latency).
   *
   * @return closing it stops publishing them (do so when the producer closes before the component does)
   */
  public AutoCloseable bindProducer(Producer<?, ?> producer, Tag... tags) {
    return bind(new KafkaClientMetrics(producer, Tags.of(tags)));
  }

  /** Publishes a consumer's client metrics ({@code kafka_consumer_*}, with {@code records_lag_max}). */
  public AutoCloseable bindConsumer(Consumer<?, ?> consumer, Tag... tags) {
    return bind(new KafkaClientMetrics(consumer, Tags.of(tags)));
  }

  /**
   * Publishes an admin client's metrics.
   *
   * @throws IllegalArgumentException when {@code admin} is not a Kafka {@link AdminClient} (a wrapper or a fake)
   */
  public AutoCloseable bindAdmin(Admin admin, Tag... tags) {
    if (!(admin instanceof AdminClient adminClient)) {
      throw new IllegalArgumentException("Cannot bind metrics of admin client " + admin.getClass().getName()
          + ": only clients created by Admin.create(...) expose their metrics");
    }
    return bind(new KafkaClientMetrics(adminClient, Tags.of(tags)));
  }

  /**
   * Publishes a Kafka Streams application's metrics ({@code kafka_stream_*} process rates and commit latency, and
   * the metrics of its embedded consumers and producers, e.g. records lag and records sent). Needs
   * {@code kafka-streams} on the classpath, which this module does not bring.
   */
  public AutoCloseable bindStreams(KafkaStreams streams, Tag... tags) {
    return bind(new KafkaStreamsMetrics(streams, Tags.of(tags)));
  }

  private <B extends MeterBinder & AutoCloseable> AutoCloseable bind(B binder) {
    binder.bindTo(registry);
    synchronized (bindings) {
      bindings.add(binder);
    }
    return binder;
  }

  /** Every metric in the Prometheus text format 0.0.4, as served on {@code GET /metrics}. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    synchronized (bindings) {
      for (var binding : bindings) {
        try {
          binding.close();
        } catch (Exception e) {
          throw new IllegalStateException("Cannot stop publishing metrics of component '" + component + "'", e);
        }
      }
      bindings.clear();
    }
    registry.close();
  }
}
