package io.strata.benchmarks.registry;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.nio.charset.StandardCharsets;

/**
 * The baseline: a constant JSON answer from the same Micronaut server, with the registry's own response type
 * and media type, so that the difference to {@code GET /schemas/ids/{id}} is the registry's work alone.
 */
@Controller("/bench")
@Produces({"application/vnd.schemaregistry.v1+json", "application/json"})
final class PingController {

  private static final byte[] PONG = "{\"ping\":\"pong\"}".getBytes(StandardCharsets.UTF_8);

  @Get("/ping")
  HttpResponse<byte[]> ping() {
    return HttpResponse.ok(PONG).contentType("application/vnd.schemaregistry.v1+json");
  }
}
