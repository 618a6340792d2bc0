package io.strata.ingest.gateway.http;

import io.micronaut.context.annotation.Requires;
import io.strata.ingest.gateway.GatewayServer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.strata.auth.signing.HeaderLookup;
import io.strata.auth.signing.RequestParts;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code POST /v1/samples} (a raw image body or {@code multipart/form-data}, streamed, never buffered whole),
 * {@code GET /v1/samples?quality=failed} and {@code GET /v1/samples/{id}}; all signed (docs/signing.md). Runs on the blocking executor because the body is
 * read as a stream. See docs/ingest.md.
 */
@Requires(env = GatewayServer.ENVIRONMENT)
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class SamplesController {

  private final SampleEndpoint endpoint;

  SamplesController(SampleEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Post(uri = "/v1/samples", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  HttpResponse<?> upload(HttpRequest<?> request) throws IOException {
    // Not @Body InputStream: that one fetches the body one small chunk at a time from the event loop (BodyPipe).
    if (!(request instanceof ServerHttpRequest<?> server)) {
      throw new IllegalStateException("Expected a server request with a streaming body, got " + request.getClass());
    }
    try (InputStream in = BodyPipe.of(server.byteBody().toReadBufferPublisher())) {
      return response(endpoint.upload(incoming(request), in));
    }
  }

  @Get(uri = "/v1/samples", produces = MediaType.APPLICATION_JSON)
  HttpResponse<?> list(HttpRequest<?> request) {
    return response(endpoint.failedReviews(incoming(request)));
  }

  @Get(uri = "/v1/samples/{id}", produces = MediaType.APPLICATION_JSON)
  HttpResponse<?> find(HttpRequest<?> request, @PathVariable("id") String id) {
    return response(endpoint.find(incoming(request), id));
  }

  private static Incoming incoming(HttpRequest<?> request) {
    var uri = request.getUri();
    HeaderLookup headers = name -> request.getHeaders().getAll(name);
    long length = request.getContentLength();
    Map<String, List<String>> parameters = new HashMap<>();
    for (String name : request.getParameters().names()) {
      parameters.put(name, request.getParameters().getAll(name));
    }
    return new Incoming(new RequestParts(request.getMethodName(), uri.getRawPath(), uri.getRawQuery(), headers),
        Optional.ofNullable(request.getHeaders().get("Content-Type")),
        length >= 0 ? OptionalLong.of(length) : OptionalLong.empty(), parameters);
  }

  private static HttpResponse<?> response(Reply reply) {
    MutableHttpResponse<Object> response = HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(reply.status()))
        .body(reply.body());
    reply.headers().forEach(response::header);
    return response.contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
