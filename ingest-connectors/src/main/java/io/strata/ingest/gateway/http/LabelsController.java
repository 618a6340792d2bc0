package io.strata.ingest.gateway.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.strata.auth.signing.HeaderLookup;
import io.strata.auth.signing.RequestParts;
import io.strata.ingest.gateway.GatewayServer;
import io.strata.ingest.labels.LabelError;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code POST /v1/labels}, {@code POST /v1/labels/{labelId}/retract}, {@code POST /v1/labels/{labelId}/review} and
 * {@code GET /v1/samples/{sampleId}/labels}, all signed; see docs/ingest.md. The JSON body is read whole (up to
 * {@value #MAX_BODY} bytes) because its hash is part of the signature.
 */
@Requires(env = GatewayServer.ENVIRONMENT)
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class LabelsController {

  /** The largest label request body: a full batch of labels with many boxes each. */
  static final int MAX_BODY = 16 * 1024 * 1024;

  private final LabelEndpoint endpoint;

  LabelsController(LabelEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Post(uri = "/v1/labels", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  HttpResponse<?> make(HttpRequest<?> request) throws IOException {
    Optional<byte[]> body = body(request);
    return response(body.isEmpty() ? tooLarge() : endpoint.make(incoming(request), body.get()));
  }

  @Post(uri = "/v1/labels/{labelId}/retract", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  HttpResponse<?> retract(HttpRequest<?> request, @PathVariable("labelId") String labelId) throws IOException {
    Optional<byte[]> body = body(request);
    return response(body.isEmpty() ? tooLarge() : endpoint.retract(incoming(request), labelId, body.get()));
  }

  @Post(uri = "/v1/labels/{labelId}/review", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  HttpResponse<?> review(HttpRequest<?> request, @PathVariable("labelId") String labelId) throws IOException {
    Optional<byte[]> body = body(request);
    return response(body.isEmpty() ? tooLarge() : endpoint.review(incoming(request), labelId, body.get()));
  }

  @Get(uri = "/v1/samples/{sampleId}/labels", produces = MediaType.APPLICATION_JSON)
  HttpResponse<?> history(HttpRequest<?> request, @PathVariable("sampleId") String sampleId) {
    return response(endpoint.history(incoming(request), sampleId));
  }

  /** The body, or empty when it is larger than {@link #MAX_BODY}. */
  private static Optional<byte[]> body(HttpRequest<?> request) throws IOException {
    if (!(request instanceof ServerHttpRequest<?> server)) {
      throw new IllegalStateException("Expected a server request with a streaming body, got " + request.getClass());
    }
    try (InputStream in = BodyPipe.of(server.byteBody().toReadBufferPublisher())) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      return bytes.length > MAX_BODY ? Optional.empty() : Optional.of(bytes);
    }
  }

  private static Reply tooLarge() {
    return Reply.of(LabelError.BODY_TOO_LARGE.httpStatus(), new ErrorBody(LabelError.BODY_TOO_LARGE.name(),
        "The request body is larger than " + MAX_BODY + " bytes; send fewer labels per batch."));
  }

  private static Incoming incoming(HttpRequest<?> request) {
    var uri = request.getUri();
    HeaderLookup headers = name -> request.getHeaders().getAll(name);
    return new Incoming(new RequestParts(request.getMethodName(), uri.getRawPath(), uri.getRawQuery(), headers),
        Optional.ofNullable(request.getHeaders().get("Content-Type")), OptionalLong.empty(), Map.of());
  }

  private static HttpResponse<?> response(Reply reply) {
    // Jackson trees are written as text: the server's serde (Micronaut Serialization) does not know them.
    Object body = reply.body() instanceof com.fasterxml.jackson.databind.JsonNode json ? json.toString() : reply.body();
    var response = HttpResponse.status(HttpStatus.valueOf(reply.status())).body(body);
    reply.headers().forEach(response::header);
    return response.contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
