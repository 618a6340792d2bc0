package io.strata.ingest.gateway.http;

import io.strata.auth.limits.Admission;
import io.strata.auth.limits.Decision;
import io.strata.ingest.gateway.upload.Refusal;
import io.strata.ingest.gateway.upload.UploadError;
import java.util.HashMap;

/**
 * The gateway's API names, as an app's per-API limits name them ({@code limits.perApi[].api}), and the 429
 * answers of {@link Admission}.
 */
final class Apis {

  /** {@code POST /v1/samples}: one billable unit per request. */
  static final String UPLOAD = "upload";
  /** {@code GET /v1/samples/...}: not billed. */
  static final String SAMPLES = "samples";
  /** {@code POST /v1/labels...} and {@code GET /v1/samples/{id}/labels}: not billed. */
  static final String LABELS = "labels";

  private Apis() {}

  /** The upload refusal of a throttled request, recorded on {@code ingest-rejections}. */
  static Refusal refusal(Decision.Refused refused) {
    UploadError error = refused.code().equals(Admission.QUOTA_EXHAUSTED) ? UploadError.QUOTA_EXHAUSTED
        : UploadError.RATE_LIMITED;
    return Refusal.of(error, refused.message());
  }

  /** {@code reply} with the {@code Retry-After} header of {@code refused}. */
  static Reply throttled(Reply reply, Decision.Refused refused) {
    var headers = new HashMap<>(reply.headers());
    headers.put("Retry-After", Long.toString(refused.retryAfterSeconds()));
    return new Reply(reply.status(), reply.body(), headers);
  }
}
