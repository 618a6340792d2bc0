package io.strata.registry.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.strata.registry.ConfluentJson;
import java.util.List;

/**
 * Confluent's {@code /compatibility} API: would this schema be accepted? Against one version, or against
 * {@code latest} (and, with a transitive level, every live version), under the subject's level.
 */
@Controller("/compatibility/subjects/{subject}/versions")
@Consumes({ConfluentJson.V1_JSON, ConfluentJson.DEFAULT_JSON, "application/json", "application/octet-stream",
    "text/plain"})
@Produces({ConfluentJson.V1_JSON, ConfluentJson.DEFAULT_JSON, "application/json"})
final class CompatibilityController {

  private final SchemaRegistry registry;

  CompatibilityController(SchemaRegistry registry) {
    this.registry = registry;
  }

  @Post("/{version}")
  HttpResponse<byte[]> checkVersion(String subject, String version,
      @QueryValue(defaultValue = "false") boolean verbose, @Nullable @Body byte[] body) {
    return answer(registry.compatibility(subject, version, RequestBodies.schema(body)), verbose);
  }

  @Post
  HttpResponse<byte[]> checkAll(String subject, @QueryValue(defaultValue = "false") boolean verbose,
      @Nullable @Body byte[] body) {
    return answer(registry.compatibility(subject, null, RequestBodies.schema(body)), verbose);
  }

  private static HttpResponse<byte[]> answer(List<String> problems, boolean verbose) {
    return ConfluentJson.ok(new ResultBody(problems.isEmpty(), verbose ? problems : null));
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ResultBody(@JsonProperty("is_compatible") boolean compatible, List<String> messages) {}
}
