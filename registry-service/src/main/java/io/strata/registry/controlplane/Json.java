package io.strata.registry.controlplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Request bodies in, response bodies out; a body that is not a JSON object is a 400 naming the problem. */
public final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** The body as a JSON object; an empty body is an empty object. */
  public static JsonNode object(String body) {
    if (body == null || body.isBlank()) {
      return MAPPER.createObjectNode();
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw new ApiError(400, "INVALID_JSON", "The request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "INVALID_JSON", "The request body is not valid JSON at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "; send a JSON object");
    }
  }

  /** A text field, or null when absent or JSON null. @throws ApiError 422 if present but not a string */
  public static String text(JsonNode object, String field, String code) {
    JsonNode value = object.path(field);
    if (value instanceof MissingNode || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiError.invalid(code, "Field '" + field + "' must be a string");
    }
    return value.asText();
  }

  /** Serialises a response body. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a response body as JSON", e);
    }
  }
}
