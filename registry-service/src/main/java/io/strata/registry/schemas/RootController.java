package io.strata.registry.schemas;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.strata.registry.ConfluentJson;
import java.util.Map;

/** {@code GET /} answers {@code {}} and {@code GET /mode} {@code READWRITE}, as Confluent does; tools probe them. */
@Controller
@Produces({ConfluentJson.V1_JSON, ConfluentJson.DEFAULT_JSON, "application/json"})
final class RootController {

  private static final byte[] EMPTY = ConfluentJson.bytes(Map.of());
  private static final byte[] READ_WRITE = ConfluentJson.bytes(Map.of("mode", "READWRITE"));

  @Get
  HttpResponse<byte[]> root() {
    return ConfluentJson.okBytes(EMPTY);
  }

  @Get("/mode")
  HttpResponse<byte[]> mode() {
    return ConfluentJson.okBytes(READ_WRITE);
  }
}
