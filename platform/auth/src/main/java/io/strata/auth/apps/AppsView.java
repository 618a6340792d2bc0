package io.strata.auth.apps;

import io.strata.auth.secrets.MasterKeyring;
import io.strata.auth.secrets.SecretCipher;
import io.strata.auth.secrets.SecretDecryptionException;
import io.strata.auth.signing.AppCredentials;
import io.strata.auth.signing.AppDirectory;
import io.strata.events.AppEvent;
import io.strata.schemas.registry.SchemaRegistryClient;
import io.strata.schemas.topics.Topics;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apps of every tenant as the {@code apps} topic says now: the latest {@link AppEvent} per app key,
 * deleted apps removed, with the secrets decrypted once per event for the {@link io.strata.auth.signing.SignatureVerifier}.
 * A block, unblock, rotation or limits change is visible within one poll of the event being written.
 */
public final class AppsView implements AppDirectory, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AppsView.class);

  private final CompactedTopicView<AppEvent, KnownApp> view;
  private final SecretCipher cipher;

  /** A view of the catalog's {@code apps} topic, decoding with {@code registry}. */
  public AppsView(Map<String, Object> kafka, SchemaRegistryClient registry, MasterKeyring keyring) {
    this(kafka, Topics.APPS.name(), Topics.APPS.valueSerde(registry).deserializer(), keyring);
  }

  /**
   * @param kafka Kafka client properties
   * @param topic the apps topic (tests give each view their own)
   * @param deserializer the {@link AppEvent} deserializer, closed with the view
   * @param keyring the master keys the secrets were encrypted under
   */
  public AppsView(Map<String, Object> kafka, String topic, Deserializer<AppEvent> deserializer, MasterKeyring keyring) {
    this.cipher = new SecretCipher(keyring, new SecureRandom());
    this.view = new CompactedTopicView<>("apps-view", kafka, topic, deserializer, this::project);
  }

  /** Reads the topic from the beginning on a thread of its own. */
  public void start() {
    view.start();
  }

  @Override
  public Optional<AppCredentials> find(String appKey) {
    return view.get(appKey).flatMap(KnownApp::credentials);
  }

  /** The app's latest event, unless it is unknown or deleted. */
  public Optional<AppEvent> app(String appKey) {
    return view.get(appKey).map(KnownApp::event);
  }

  /** The apps of {@code tenantId}, by name then key. */
  public List<AppEvent> appsOf(String tenantId) {
    return view.values().stream().map(KnownApp::event).filter(e -> e.getTenantId().equals(tenantId))
        .sorted(Comparator.comparing(AppEvent::getName).thenComparing(AppEvent::getAppKey)).toList();
  }

  /** True once every event that was in the topic at start has been applied. */
  public boolean caughtUp() {
    return view.caughtUp();
  }

  /** Waits until {@link #caughtUp()}. @throws ViewTimeoutException after {@code timeout} */
  public void awaitCaughtUp(Duration timeout) {
    view.awaitCaughtUp(timeout);
  }

  /** Returns once this view has applied {@code written}. @throws ViewTimeoutException after {@code timeout} */
  public void awaitApplied(RecordMetadata written, Duration timeout) {
    view.awaitApplied(written, timeout);
  }

  @Override
  public void close() {
    view.close();
  }

  private KnownApp project(String appKey, AppEvent event) {
    if (event.getDeleted()) {
      return null;
    }
    try {
      return new KnownApp(event, Optional.of(credentials(event)));
    } catch (SecretDecryptionException | IllegalArgumentException e) {
      // The message names the app and the key id, never a secret; the app cannot sign until this is fixed.
      log.error("Cannot decrypt the secrets of app appKey={} tenant={}: {}; its requests are refused as unknown",
          event.getAppKey(), event.getTenantId(), e.getMessage());
      return new KnownApp(event, Optional.empty());
    }
  }

  private AppCredentials credentials(AppEvent event) {
    var credentials = AppCredentials.active(event.getAppKey(), event.getTenantId(),
        cipher.decrypt(event.getAppKey(), event.getSecret()));
    if (event.getPreviousSecret() != null && event.getPreviousSecretValidUntil() != null) {
      credentials = new AppCredentials(credentials.appKey(), credentials.tenantId(), credentials.secret(),
          Optional.of(new AppCredentials.RetiredSecret(cipher.decrypt(event.getAppKey(), event.getPreviousSecret()),
              event.getPreviousSecretValidUntil())), Optional.empty());
    }
    if (event.getBlocked()) {
      String reason = event.getReason() != null ? event.getReason()
          : "blocked by " + (event.getBlockedBy() == null ? "operator" : event.getBlockedBy());
      credentials = credentials.blocked(reason);
    }
    return credentials;
  }

  /** An app's latest event and the credentials decrypted from it (empty if they do not decrypt). */
  private record KnownApp(AppEvent event, Optional<AppCredentials> credentials) {}
}
