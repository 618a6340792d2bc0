package io.strata.ingest.gateway.http;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The answer to a multipart upload: one result per file part, in request order.
 *
 * @param requestId the request's id (also on its rejection events)
 * @param accepted how many files are samples now (new or known)
 * @param rejected how many files were refused
 * @param results per file: {@code status} 201/200 with the sample, or a 4xx with {@code code} and {@code message}
 */
@Serdeable
public record MultipartBody(String requestId, int accepted, int rejected, List<FileResult> results) {

  /** One file's outcome. */
  @Serdeable
  public record FileResult(String filename, int status, SampleBody sample, String code, String message) {}
}
