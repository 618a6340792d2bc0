package io.strata.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/**
 * Confluent's REST conventions, shared by every endpoint of the service: its media types and its bodies,
 * written to bytes by one Jackson mapper so that the framework adds nothing to them.
 */
public final class ConfluentJson {

  /** The media type Confluent's clients send and prefer. */
  public static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
  /** The unversioned Confluent media type. */
  public static final String DEFAULT_JSON = "application/vnd.schemaregistry+json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfluentJson() {}

  /** Confluent's error body. */
  record ErrorBody(@JsonProperty("error_code") int errorCode, String message) {}

  /** 200 with {@code body} as JSON. */
  public static MutableHttpResponse<byte[]> ok(Object body) {
    return HttpResponse.ok(bytes(body)).contentType(V1_JSON);
  }

  /** 200 with an already-serialized JSON body. */
  public static MutableHttpResponse<byte[]> okBytes(byte[] json) {
    return HttpResponse.ok(json).contentType(V1_JSON);
  }

  /** {@code {"error_code": errorCode, "message": message}} with HTTP {@code status}. */
  public static MutableHttpResponse<byte[]> error(int status, int errorCode, String message) {
    return HttpResponse.<byte[]>status(HttpStatus.valueOf(status))
        .body(bytes(new ErrorBody(errorCode, message)))
        .contentType(V1_JSON);
  }

  /** {@code body} as JSON bytes. */
  public static byte[] bytes(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a response body of " + body.getClass().getSimpleName(), e);
    }
  }

  /** The mapper that reads request bodies. */
  public static ObjectMapper mapper() {
    return JSON;
  }
}
