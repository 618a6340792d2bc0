package io.strata.ingest.gateway.upload;

import java.util.Objects;

/**
 * Who sent a request, as its verified signature says: the tenant always comes from the app, never from the
 * request.
 *
 * @param tenantId the app's tenant
 * @param appKey the app
 */
public record Caller(String tenantId, String appKey) {

  /** The tenant recorded on rejections of callers whose signature did not verify. */
  public static final String UNAUTHENTICATED_TENANT = "unauthenticated";

  public Caller {
    Objects.requireNonNull(tenantId, "tenantId");
  }
}
