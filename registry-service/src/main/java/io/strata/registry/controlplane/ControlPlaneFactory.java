package io.strata.registry.controlplane;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.strata.auth.apps.AppsView;
import io.strata.auth.apps.CompactedTopicView;
import io.strata.auth.secrets.CredentialGenerator;
import io.strata.auth.secrets.SecretCipher;
import io.strata.auth.signing.SignatureVerifier;
import io.strata.auth.signing.VerifierSettings;
import io.strata.events.AppEvent;
import io.strata.events.TenantEvent;
import io.strata.registry.apps.Apps;
import io.strata.registry.schemas.LocalSchemaRegistryClient;
import io.strata.registry.schemas.StoreSettings;
import io.strata.registry.tenants.Tenants;
import io.strata.schemas.topics.Topics;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the control plane at startup: when an admin token is set, the views of the tenants and apps topics are
 * rebuilt from the beginning before the first call is served; otherwise every {@code /v1/} call answers 503.
 */
@Factory
final class ControlPlaneFactory {

  private static final Logger log = LoggerFactory.getLogger(ControlPlaneFactory.class);

  @Context
  @Bean(preDestroy = "close")
  ControlPlane controlPlane(Environment environment, StoreSettings store, LocalSchemaRegistryClient registry,
      Clock clock) {
    var settings = ControlPlaneSettings.from(environment);
    if (!settings.enabled()) {
      log.warn("Control plane disabled: set {} or {} to enable /v1/ (the schema registry API stays open)",
          ControlPlaneSettings.ADMIN_TOKEN, ControlPlaneSettings.ADMIN_TOKEN_FILE);
      var nobody = new SignatureVerifier(appKey -> Optional.empty(), clock, VerifierSettings.defaults());
      return new ControlPlane(new Authenticator(Optional.empty(), nobody), Optional.empty(), Optional.empty(), List.of());
    }
    Map<String, Object> kafka = Map.of("bootstrap.servers", store.bootstrapServers());
    var keyring = settings.keyring().orElseThrow();
    var tenantsView = new CompactedTopicView<TenantEvent, TenantEvent>("tenants-view", kafka, settings.tenantsTopic(),
        Topics.TENANTS.valueSerde(registry).deserializer(), (key, event) -> event);
    var appsView = new AppsView(kafka, settings.appsTopic(), Topics.APPS.valueSerde(registry).deserializer(), keyring);
    tenantsView.start();
    appsView.start();
    tenantsView.awaitCaughtUp(settings.timeout().multipliedBy(3));
    appsView.awaitCaughtUp(settings.timeout().multipliedBy(3));
    var tenantWriter = new EventWriter<>(producer(kafka, Topics.TENANTS.valueSerde(registry).serializer()),
        settings.tenantsTopic(), tenantsView::awaitApplied, settings.timeout());
    var appWriter = new EventWriter<>(producer(kafka, Topics.APPS.valueSerde(registry).serializer()),
        settings.appsTopic(), appsView::awaitApplied, settings.timeout());
    var tenants = new Tenants(tenantsView, tenantWriter, clock);
    var random = new SecureRandom();
    var apps = new Apps(appsView, appWriter, tenants, new SecretCipher(keyring, random), new CredentialGenerator(random),
        clock, settings.rotationGrace());
    var verifier = new SignatureVerifier(appsView, clock, VerifierSettings.defaults());
    log.info("Control plane enabled: {}", settings);
    return new ControlPlane(new Authenticator(settings.adminToken(), verifier), Optional.of(tenants), Optional.of(apps),
        List.of(tenantWriter, appWriter, appsView, tenantsView));
  }

  private static <V> KafkaProducer<String, V> producer(Map<String, Object> kafka,
      org.apache.kafka.common.serialization.Serializer<V> values) {
    var props = new java.util.HashMap<String, Object>(kafka);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(props, new StringSerializer(), values);
  }
}
