package io.strata.ingest.gateway.http;

import io.micronaut.context.annotation.Requires;
import io.strata.ingest.gateway.GatewayServer;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.strata.ingest.gateway.upload.SamplesView;

/** {@code GET /health}: unsigned; UP once the gateway serves (its views are built before it listens). */
@Requires(env = GatewayServer.ENVIRONMENT)
@Controller
final class HealthController {

  private final SamplesView samples;

  HealthController(SamplesView samples) {
    this.samples = samples;
  }

  /** The gateway's status and how many samples (all tenants) its view holds. */
  @Serdeable
  record Health(String status, int samples) {}

  @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
  Health health() {
    return new Health(samples.caughtUp() ? "UP" : "DOWN", samples.size());
  }
}
