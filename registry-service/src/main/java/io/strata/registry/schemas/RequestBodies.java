package io.strata.registry.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.registry.ConfluentJson;
import java.nio.charset.StandardCharsets;

/** Reads the JSON bodies of Confluent's requests, leniently as Confluent does: unknown fields are ignored. */
final class RequestBodies {

  private RequestBodies() {}

  /** {@code {"schema": "...", "schemaType": "AVRO", "references": []}}. */
  static SchemaRequest schema(byte[] body) {
    JsonNode json = object(body);
    JsonNode schema = json.path("schema");
    if (!schema.isTextual()) {
      throw RegistryException.invalidSchema("the request has no \"schema\" string; expected"
          + " {\"schema\": \"<Avro schema as a JSON string>\"}");
    }
    JsonNode type = json.path("schemaType");
    JsonNode references = json.path("references");
    return new SchemaRequest(schema.asText(), type.isTextual() ? type.asText() : null,
        references.isArray() ? references.size() : 0);
  }

  /** {@code {"compatibility": "FULL"}}; {@code compatibilityLevel} is accepted too. */
  static String compatibility(byte[] body) {
    JsonNode json = object(body);
    JsonNode level = json.hasNonNull("compatibility") ? json.get("compatibility") : json.path("compatibilityLevel");
    return level.isTextual() ? level.asText() : null;
  }

  private static JsonNode object(byte[] body) {
    if (body == null || body.length == 0) {
      throw RegistryException.malformedRequest("The request has no body; expected a JSON object");
    }
    try {
      JsonNode json = ConfluentJson.mapper().readTree(body);
      if (json == null || !json.isObject()) {
        throw RegistryException.malformedRequest("Expected a JSON object, got: "
            + new String(body, 0, Math.min(body.length, 100), StandardCharsets.UTF_8));
      }
      return json;
    } catch (JsonProcessingException e) {
      throw RegistryException.malformedRequest("Unreadable JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw RegistryException.malformedRequest("Unreadable request body: " + e.getMessage());
    }
  }
}
