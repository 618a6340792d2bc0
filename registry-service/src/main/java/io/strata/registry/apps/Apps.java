package io.strata.registry.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.auth.apps.AppsView;
import io.strata.auth.secrets.AppSecret;
import io.strata.auth.secrets.CredentialGenerator;
import io.strata.auth.secrets.SecretCipher;
import io.strata.events.AppEvent;
import io.strata.events.AppEventKind;
import io.strata.registry.controlplane.ApiError;
import io.strata.registry.controlplane.EventWriter;
import io.strata.registry.tenants.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apps of a tenant: every command is validated, appended as the app's full state (secrets encrypted) and
 * answered from the {@link AppsView} once it has applied it. A secret leaves this class only in the answer to
 * the create or rotate call that issued it; it is never logged.
 */
public final class Apps {

  private static final Logger log = LoggerFactory.getLogger(Apps.class);

  private final AppsView view;
  private final EventWriter<AppEvent> writer;
  private final Tenants tenants;
  private final SecretCipher cipher;
  private final CredentialGenerator generator;
  private final Clock clock;
  private final Duration defaultGrace;

  public Apps(AppsView view, EventWriter<AppEvent> writer, Tenants tenants, SecretCipher cipher,
      CredentialGenerator generator, Clock clock, Duration defaultGrace) {
    this.view = view;
    this.writer = writer;
    this.tenants = tenants;
    this.cipher = cipher;
    this.generator = generator;
    this.clock = clock;
    this.defaultGrace = defaultGrace;
  }

  /** Registers an app from {@code {"name","limits"?}}; the answer carries {@code appSecret}, shown this once. */
  public Map<String, Object> create(String tenantId, JsonNode body, String requestId) {
    tenants.require(tenantId);
    String name = AppRequests.name(body);
    var limits = AppRequests.limits(body.path("limits"));
    String appKey = generator.newAppKey();
    AppSecret secret = generator.newSecret();
    Instant now = clock.instant();
    var event = AppEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(tenantId)
        .setOccurredAt(now).setProducer(Tenants.PRODUCER).setCausationId(requestId).setAppKey(appKey)
        .setKind(AppEventKind.REGISTERED).setName(name).setSecret(cipher.encrypt(appKey, secret)).setLimits(limits)
        .setRegisteredAt(now).build();
    writer.append(appKey, event);
    log.info("App created tenant={} appKey={} requestId={}", tenantId, appKey, requestId);
    var json = new LinkedHashMap<>(AppJson.of(current(tenantId, appKey)));
    json.put("appSecret", secret.reveal());
    return json;
  }

  public List<Map<String, Object>> list(String tenantId) {
    tenants.require(tenantId);
    return view.appsOf(tenantId).stream().map(Apps::json).toList();
  }

  public Map<String, Object> get(String tenantId, String appKey) {
    return json(current(tenantId, appKey));
  }

  /** Issues a new secret; the old one keeps working for {@code graceSeconds} (default the configured grace). */
  public Map<String, Object> rotateSecret(String tenantId, String appKey, JsonNode body, String requestId) {
    Duration grace = AppRequests.grace(body, defaultGrace);
    AppEvent app = current(tenantId, appKey);
    AppSecret secret = generator.newSecret();
    Instant now = clock.instant();
    Instant validUntil = now.plus(grace);
    append(next(app, AppEventKind.SECRET_ROTATED, requestId, now).setSecret(cipher.encrypt(appKey, secret))
        .setPreviousSecret(app.getSecret()).setPreviousSecretValidUntil(validUntil).build());
    log.info("App secret rotated tenant={} appKey={} previousValidUntil={} requestId={}", tenantId, appKey,
        validUntil, requestId);
    var json = new LinkedHashMap<String, Object>();
    json.put("appKey", appKey);
    json.put("appSecret", secret.reveal());
    json.put("previousSecretValidUntil", validUntil.toString());
    return json;
  }

  public Map<String, Object> block(String tenantId, String appKey, JsonNode body, String requestId) {
    String reason = AppRequests.requiredReason(body);
    AppEvent app = current(tenantId, appKey);
    append(next(app, AppEventKind.BLOCKED, requestId, clock.instant()).setBlocked(true).setBlockedBy("operator")
        .setReason(reason).build());
    log.info("App blocked tenant={} appKey={} requestId={}", tenantId, appKey, requestId);
    return get(tenantId, appKey);
  }

  public Map<String, Object> unblock(String tenantId, String appKey, JsonNode body, String requestId) {
    String reason = AppRequests.optionalReason(body);
    AppEvent app = current(tenantId, appKey);
    append(next(app, AppEventKind.UNBLOCKED, requestId, clock.instant()).setBlocked(false).setBlockedBy(null)
        .setReason(reason).build());
    log.info("App unblocked tenant={} appKey={} requestId={}", tenantId, appKey, requestId);
    return get(tenantId, appKey);
  }

  public Map<String, Object> setLimits(String tenantId, String appKey, JsonNode body, String requestId) {
    var limits = AppRequests.limits(body);
    AppEvent app = current(tenantId, appKey);
    append(next(app, AppEventKind.LIMITS_CHANGED, requestId, clock.instant()).setLimits(limits).build());
    log.info("App limits changed tenant={} appKey={} requestId={}", tenantId, appKey, requestId);
    return get(tenantId, appKey);
  }

  public void delete(String tenantId, String appKey, String requestId) {
    AppEvent app = current(tenantId, appKey);
    append(next(app, AppEventKind.DELETED, requestId, clock.instant()).setDeleted(true).build());
    log.info("App deleted tenant={} appKey={} requestId={}", tenantId, appKey, requestId);
  }

  /** The app, only if it belongs to {@code tenantId}: another tenant's key is as unknown as a missing one. */
  private AppEvent current(String tenantId, String appKey) {
    tenants.require(tenantId);
    return view.app(appKey).filter(app -> app.getTenantId().equals(tenantId))
        .orElseThrow(() -> ApiError.notFound("APP_NOT_FOUND", "Tenant '" + tenantId + "' has no app '" + appKey
            + "'; list its apps with GET /v1/tenants/" + tenantId + "/apps"));
  }

  private void append(AppEvent event) {
    writer.append(event.getAppKey(), event);
  }

  private static AppEvent.Builder next(AppEvent app, AppEventKind kind, String requestId, Instant now) {
    return AppEvent.newBuilder(app).setEventId(UUID.randomUUID().toString()).setKind(kind).setOccurredAt(now)
        .setProducer(Tenants.PRODUCER).setCausationId(requestId);
  }

  private static Map<String, Object> json(AppEvent app) {
    return AppJson.of(app);
  }
}
