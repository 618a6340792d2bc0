package io.strata.registry.tenants;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.auth.apps.CompactedTopicView;
import io.strata.events.TenantEvent;
import io.strata.events.TenantEventKind;
import io.strata.registry.controlplane.ApiError;
import io.strata.registry.controlplane.EventWriter;
import io.strata.registry.controlplane.Json;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates and reads tenants: commands are validated, appended as events, and answered from the view. */
public final class Tenants {

  private static final Logger log = LoggerFactory.getLogger(Tenants.class);
  public static final String PRODUCER = "registry-service";

  private final CompactedTopicView<TenantEvent, TenantEvent> view;
  private final EventWriter<TenantEvent> writer;
  private final Clock clock;

  public Tenants(CompactedTopicView<TenantEvent, TenantEvent> view, EventWriter<TenantEvent> writer, Clock clock) {
    this.view = view;
    this.writer = writer;
    this.clock = clock;
  }

  /** Creates a tenant from {@code {"tenantId","displayName"}}. @throws ApiError 422, 409 TENANT_EXISTS */
  public synchronized Map<String, Object> create(JsonNode body, String requestId) {
    String tenantId = TenantId.validate(Json.text(body, "tenantId", "INVALID_TENANT_ID"));
    String displayName = Optional.ofNullable(Json.text(body, "displayName", "INVALID_DISPLAY_NAME"))
        .map(String::strip).orElse(tenantId);
    if (displayName.isEmpty() || displayName.length() > 200) {
      throw ApiError.invalid("INVALID_DISPLAY_NAME", "displayName must be 1 to 200 characters");
    }
    if (view.get(tenantId).isPresent()) {
      throw new ApiError(409, "TENANT_EXISTS", "Tenant '" + tenantId + "' already exists; choose another tenantId");
    }
    var event = TenantEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(tenantId)
        .setOccurredAt(clock.instant()).setProducer(PRODUCER).setCausationId(requestId)
        .setKind(TenantEventKind.CREATED).setDisplayName(displayName).build();
    writer.append(tenantId, event);
    log.info("Tenant created tenant={} requestId={}", tenantId, requestId);
    return json(view.get(tenantId).orElse(event));
  }

  /** Every tenant, by id. */
  public List<Map<String, Object>> list() {
    return view.values().stream().sorted(Comparator.comparing(TenantEvent::getTenantId)).map(Tenants::json).toList();
  }

  /** One tenant. @throws ApiError 404 TENANT_NOT_FOUND */
  public Map<String, Object> get(String tenantId) {
    return json(require(tenantId));
  }

  /** True if the tenant exists. */
  public boolean exists(String tenantId) {
    return view.get(tenantId).isPresent();
  }

  /** The tenant's latest event. @throws ApiError 404 TENANT_NOT_FOUND */
  public TenantEvent require(String tenantId) {
    return view.get(tenantId).orElseThrow(() -> ApiError.notFound("TENANT_NOT_FOUND", "No tenant '" + tenantId
        + "'; list tenants with GET /v1/tenants or create it with POST /v1/tenants"));
  }

  private static Map<String, Object> json(TenantEvent tenant) {
    var json = new LinkedHashMap<String, Object>();
    json.put("tenantId", tenant.getTenantId());
    json.put("displayName", tenant.getDisplayName());
    json.put("createdAt", tenant.getOccurredAt().toString());
    return json;
  }
}
