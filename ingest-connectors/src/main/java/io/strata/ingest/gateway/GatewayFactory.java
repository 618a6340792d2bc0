package io.strata.ingest.gateway;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.strata.auth.apps.AppsView;
import io.strata.auth.limits.Admission;
import io.strata.observability.metrics.ComponentMetrics;
import io.strata.auth.limits.MonthlyUsage;
import io.strata.auth.signing.SignatureVerifier;
import io.strata.blobstore.LocalBlobStore;
import io.strata.ingest.gateway.http.LabelEndpoint;
import io.strata.ingest.gateway.http.SampleEndpoint;
import io.strata.ingest.gateway.upload.EventLog;
import io.strata.ingest.gateway.upload.SamplesView;
import io.strata.ingest.gateway.upload.Uploads;
import io.strata.ingest.labels.Labels;
import io.strata.ingest.labels.LabelsView;
import io.strata.events.AppEvent;
import io.strata.schemas.topics.Topics;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the gateway at startup: the event log, the views of the {@code apps}, {@code samples} and {@code labels}
 * topics (read to their end before the first request is served, so that a retry after a restart is still answered
 * 200 and label ids are known), the verifier and the blob store.
 */
@Requires(env = GatewayServer.ENVIRONMENT)
@Factory
final class GatewayFactory {

  private static final Logger log = LoggerFactory.getLogger(GatewayFactory.class);
  /** Samples the gateway's view holds over all tenants (see {@link SamplesView.Bounds}). */
  static final String MAX_VIEW_SAMPLES = "strata.ingest.samples-view.max-samples";
  /** Failed reviews listed per tenant (see {@link SamplesView.Bounds}). */
  static final String MAX_FAILED_PER_TENANT = "strata.ingest.samples-view.max-failed-per-tenant";

  @Singleton
  GatewaySettings settings(Environment environment) {
    return GatewaySettings.from(environment);
  }

  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Singleton
  @Bean(preDestroy = "close")
  EventLog eventLog(GatewaySettings settings, ComponentMetrics metrics) {
    var events = new EventLog(kafka(settings), serde(settings), settings.topics(), settings.kafkaTimeout());
    events.bindMetrics(metrics);
    return events;
  }

  @Context
  @Bean(preDestroy = "close")
  AppsView apps(GatewaySettings settings) {
    var view = new AppsView(kafka(settings), settings.appsTopic(),
        Topics.APPS.valueSerde(serde(settings)).deserializer(), settings.keyring());
    view.start();
    view.awaitCaughtUp(settings.startupTimeout());
    return view;
  }

  @Context
  @Bean(preDestroy = "close")
  SamplesView samples(GatewaySettings settings, EventLog events, Environment environment, MonthlyUsage usage) {
    var bounds = new SamplesView.Bounds(
        environment.getProperty(MAX_VIEW_SAMPLES, Integer.class).orElse(SamplesView.DEFAULT_MAX_SAMPLES),
        environment.getProperty(MAX_FAILED_PER_TENANT, Integer.class).orElse(SamplesView.DEFAULT_MAX_FAILED_PER_TENANT));
    var view = new SamplesView(kafka(settings), settings.topics().samples(),
        Topics.SAMPLES.valueSerde(serde(settings)).deserializer(),
        (record, reason) -> events.deadLetter(record, "ingest-gateway-samples-view", reason), bounds);
    view.meterUploadsInto(usage);
    view.start();
    view.awaitCaughtUp(settings.startupTimeout());
    return view;
  }

  @Context
  @Bean(preDestroy = "close")
  LabelsView labels(GatewaySettings settings) {
    var view = new LabelsView(kafka(settings), settings.topics().labels(),
        Topics.LABELS.valueSerde(serde(settings)).deserializer());
    view.start();
    view.awaitCaughtUp(settings.startupTimeout());
    return view;
  }

  /** The gateway's metrics, served on {@code GET /metrics} (io.strata.observability.micronaut). */
  @Singleton
  @Bean(preDestroy = "close")
  ComponentMetrics metrics() {
    return ComponentMetrics.create("ingest-gateway");
  }

  /** Uploads per app this month, counted by the samples view from the samples topic. */
  @Singleton
  MonthlyUsage usage() {
    return new MonthlyUsage();
  }

  /** The apps' rate limits and monthly quotas, read from the apps view on every request. */
  @Singleton
  Admission admission(AppsView apps, MonthlyUsage usage, Clock clock) {
    return new Admission(appKey -> apps.app(appKey).map(AppEvent::getLimits), usage, clock);
  }

  /** One verifier (and so one nonce cache) for every signed endpoint. */
  @Singleton
  SignatureVerifier verifier(GatewaySettings settings, AppsView apps, Clock clock) {
    return new SignatureVerifier(apps, clock, settings.verifier());
  }

  @Singleton
  LabelEndpoint labelEndpoint(GatewaySettings settings, SignatureVerifier verifier, Admission admission,
      SamplesView samples, LabelsView labels, EventLog events, Clock clock) {
    return new LabelEndpoint(verifier, admission, new Labels(samples, labels, events, clock, settings.producer(),
        settings.kafkaTimeout()));
  }

  @Singleton
  SampleEndpoint endpoint(GatewaySettings settings, SignatureVerifier verifier, Admission admission, AppsView apps,
      SamplesView samples, EventLog events, Clock clock) {
    LocalBlobStore blobs;
    try {
      blobs = new LocalBlobStore(settings.blobDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the blob store at " + GatewaySettings.BLOB_DIRECTORY + " '"
          + settings.blobDirectory() + "'", e);
    }
    var uploads = new Uploads(blobs, settings.limits(), events, samples, clock, settings.producer());
    log.info("Upload gateway ready: {}", settings);
    return new SampleEndpoint(verifier, admission, apps, uploads, samples);
  }

  private static Map<String, Object> kafka(GatewaySettings settings) {
    return Map.of("bootstrap.servers", settings.bootstrapServers());
  }

  private static Map<String, Object> serde(GatewaySettings settings) {
    return Map.of("schema.registry.url", settings.schemaRegistryUrl());
  }
}
