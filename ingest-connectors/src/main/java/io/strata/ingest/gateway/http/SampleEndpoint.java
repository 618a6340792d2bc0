package io.strata.ingest.gateway.http;

import io.strata.auth.apps.AppsView;
import io.strata.auth.signing.RejectionCode;
import io.strata.auth.limits.Admission;
import io.strata.auth.limits.Decision;
import io.strata.auth.signing.SignatureVerifier;
import io.strata.auth.signing.SignedBody;
import io.strata.auth.signing.VerificationResult;
import io.strata.auth.signing.VerificationResult.Rejected;
import io.strata.auth.signing.VerificationResult.Verified;
import io.strata.events.AppEvent;
import io.strata.ingest.gateway.http.MultipartBody.FileResult;
import io.strata.ingest.gateway.http.MultipartParts.MalformedMultipartException;
import io.strata.ingest.gateway.http.MultipartParts.Part;
import io.strata.ingest.gateway.upload.Caller;
import io.strata.ingest.gateway.upload.EventLog.EventLogException;
import io.strata.ingest.gateway.upload.KnownSample;
import io.strata.ingest.gateway.upload.Refusal;
import io.strata.ingest.gateway.upload.RefusedException;
import io.strata.ingest.gateway.upload.SamplesView;
import io.strata.ingest.gateway.upload.UploadError;
import io.strata.ingest.gateway.upload.UploadMetadata;
import io.strata.ingest.gateway.upload.Uploads;
import io.strata.ingest.gateway.upload.Uploads.FileUpload;
import io.strata.ingest.gateway.upload.Uploads.Refused;
import io.strata.ingest.gateway.upload.Uploads.Stored;
import io.strata.ingest.gateway.upload.Uploads.StoredBlob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/samples} and {@code GET /v1/samples/{id}} without HTTP framework types: authenticates the
 * request (docs/signing.md), reads a raw image body or a multipart body, hands each file to {@link Uploads}
 * and builds the answer. Every refusal of an upload is also recorded on {@code ingest-rejections}.
 */
public final class SampleEndpoint {

  private static final Logger log = LoggerFactory.getLogger(SampleEndpoint.class);
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final int MAX_FIELD_BYTES = 8192;

  private final SignatureVerifier verifier;
  private final Admission admission;
  private final AppsView apps;
  private final Uploads uploads;
  private final SamplesView samples;

  public SampleEndpoint(SignatureVerifier verifier, Admission admission, AppsView apps, Uploads uploads,
      SamplesView samples) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.admission = Objects.requireNonNull(admission, "admission");
    this.apps = Objects.requireNonNull(apps, "apps");
    this.uploads = Objects.requireNonNull(uploads, "uploads");
    this.samples = Objects.requireNonNull(samples, "samples");
  }

  /** {@code POST /v1/samples}. */
  Reply upload(Incoming request, InputStream body) throws IOException {
    String requestId = UUID.randomUUID().toString();
    VerificationResult verification = verifier.verify(request.parts());
    if (verification instanceof Rejected rejected) {
      Caller caller = callerOfRefused(rejected, request);
      uploads.reject(caller, requestId, Optional.empty(), signatureRefusal(rejected), 0);
      return refusal(signatureRefusal(rejected), requestId);
    }
    Verified verified = (Verified) verification;
    var caller = new Caller(verified.tenantId(), verified.appKey());
    if (admission.admit(caller.appKey(), Apis.UPLOAD, SamplesView.UPLOAD_UNITS) instanceof Decision.Refused refused) {
      Refusal refusal = Apis.refusal(refused);
      uploads.reject(caller, requestId, Optional.empty(), refusal, 0);
      return Apis.throttled(refusal(refusal, requestId), refused);
    }
    var hashed = new SignedBody(body, verified.bodyCheck());
    try {
      String contentType = request.contentType().orElse("");
      if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
        return multipart(request, caller, hashed, requestId);
      }
      return raw(request, caller, hashed, requestId);
    } catch (EventLogException e) {
      log.error("Cannot append the sample event requestId={} tenant={}: {}", requestId, caller.tenantId(),
          e.getMessage());
      return new Reply(503, new ErrorBody("EVENT_LOG_UNAVAILABLE", "The image is stored but its event could not be "
          + "recorded (" + e.getMessage() + "). Send the same request again; it is safe to retry."),
          Map.of("Retry-After", "1", "X-Request-Id", requestId));
    }
  }

  private Reply raw(Incoming request, Caller caller, SignedBody body, String requestId)
      throws IOException, EventLogException {
    var file = new FileUpload(request.parameterOrHeader("filename", "X-Strata-Filename"), request.contentType());
    UploadMetadata metadata;
    try {
      metadata = rawMetadata(request);
    } catch (IllegalArgumentException e) {
      return refuse(caller, requestId, file, Refusal.of(UploadError.INVALID_METADATA, e.getMessage()), 0);
    }
    Optional<Refusal> badType = uploads.checkDeclaredType(request.contentType());
    if (badType.isPresent()) {
      return refuse(caller, requestId, file, badType.get(), 0);
    }
    if (request.contentLength().isPresent() && request.contentLength().getAsLong() > uploads.limits().maxBytes()) {
      return refuse(caller, requestId, file, uploads.tooLarge(), request.contentLength().getAsLong());
    }
    Stored stored = uploads.store(body, file, () -> requireSignedBody(body));
    if (stored instanceof Refused refused) {
      return refuse(caller, requestId, file, refused.refusal(), refused.sizeBytes());
    }
    var accepted = uploads.publish(caller, (StoredBlob) stored, metadata, requestId);
    return new Reply(accepted.created() ? 201 : 200, SampleBody.of(accepted.sample(), accepted.created()),
        Map.of("X-Request-Id", requestId, "Location", "/v1/samples/" + accepted.sample().sampleId()));
  }

  /** The body's end: its hash must be the signed one, or nothing from it is kept. */
  private static void requireSignedBody(SignedBody body) throws RefusedException {
    // SignedBody has fed every byte to the check by the time the inspected stream ends.
    VerificationResult result = body.finish();
    if (result instanceof Rejected rejected) {
      throw new RefusedException(signatureRefusal(rejected));
    }
  }

  private Reply multipart(Incoming request, Caller caller, SignedBody body, String requestId)
      throws IOException, EventLogException {
    Optional<String> boundary = MultipartParts.boundary(request.contentType().orElseThrow());
    if (boundary.isEmpty()) {
      return refuse(caller, requestId, null, Refusal.of(UploadError.MALFORMED_MULTIPART, "The multipart "
          + "Content-Type has no boundary parameter, e.g. multipart/form-data; boundary=xyz."), 0);
    }
    var fields = new MultipartFields();
    var stored = new ArrayList<Stored>();
    try {
      MultipartParts parts = MultipartParts.of(body, boundary.get());
      for (Optional<Part> next = parts.next(); next.isPresent(); next = parts.next()) {
        Part part = next.get();
        if (part.isFile()) {
          var file = new FileUpload(part.filename(), part.contentType());
          stored.add(uploads.store(part.content(), file, () -> { }));
        } else {
          fields.add(part.name(), readField(part));
        }
      }
      body.drain();
    } catch (MalformedMultipartException e) {
      return refuse(caller, requestId, null, Refusal.of(UploadError.MALFORMED_MULTIPART, e.getMessage()
          + ". Nothing from this request was recorded; send a well-formed multipart/form-data body."), 0);
    }
    VerificationResult signed = body.finish();
    if (signed instanceof Rejected rejected) {
      // Blobs already written from this body stay unreferenced: content-addressed, no event points at them.
      return refuse(caller, requestId, null, signatureRefusal(rejected), 0);
    }
    if (stored.isEmpty()) {
      return refuse(caller, requestId, null, Refusal.of(UploadError.EMPTY_BODY, "The multipart body has no file "
          + "part. Send each image as a part with a filename, e.g. curl -F 'file=@cat.jpg'."), 0);
    }
    UploadMetadata metadata;
    try {
      metadata = fields.metadata();
    } catch (IllegalArgumentException e) {
      return refuse(caller, requestId, null, Refusal.of(UploadError.INVALID_METADATA, e.getMessage()
          + ". Nothing from this request was recorded."), 0);
    }
    var results = new ArrayList<FileResult>();
    int accepted = 0;
    for (Stored one : stored) {
      String filename = one.file().filename().orElse(null);
      if (one instanceof StoredBlob blob) {
        var sample = uploads.publish(caller, blob, metadata, requestId);
        results.add(new FileResult(filename, sample.created() ? 201 : 200, SampleBody.of(sample.sample(),
            sample.created()), null, null));
        accepted++;
      } else {
        Refused refused = (Refused) one;
        uploads.reject(caller, requestId, Optional.of(one.file()), refused.refusal(), refused.sizeBytes());
        results.add(new FileResult(filename, refused.refusal().httpStatus(), null, refused.refusal().code(),
            refused.refusal().message()));
      }
    }
    return new Reply(200, new MultipartBody(requestId, accepted, results.size() - accepted, results),
        Map.of("X-Request-Id", requestId));
  }

  /** {@code GET /v1/samples/{id}}: the caller's tenant's sample, or 404 (also for another tenant's). */
  Reply find(Incoming request, String sampleId) {
    ReadCheck check = checkRead(request);
    if (check.refusal() != null) {
      return check.refusal();
    }
    Verified verified = check.caller();
    Optional<KnownSample> found = SHA256.matcher(sampleId).matches()
        ? samples.find(verified.tenantId(), sampleId) : Optional.empty();
    if (found.isEmpty()) {
      return Reply.of(404, new ErrorBody("NOT_FOUND", "Your tenant has no sample '" + sampleId + "'. A sample id is "
          + "the lower-case hex SHA-256 of the image bytes, as the upload answered it."));
    }
    return Reply.of(200, SampleBody.of(found.get(), null));
  }

  /** The largest page of {@link #failedReviews}, and the default. */
  static final int MAX_LIMIT = 500;
  static final int DEFAULT_LIMIT = 50;

  /**
   * {@code GET /v1/samples?quality=failed&after=&limit=}: the caller's tenant's samples whose latest quality
   * assessment failed, newest assessment first, paged by an opaque cursor.
   */
  Reply failedReviews(Incoming request) {
    ReadCheck check = checkRead(request);
    if (check.refusal() != null) {
      return check.refusal();
    }
    Verified verified = check.caller();
    List<String> quality = request.all("quality");
    if (quality.size() != 1 || !quality.get(0).equals("failed")) {
      return Reply.of(400, new ErrorBody("INVALID_QUERY", "List samples with quality=failed (the samples whose "
          + "latest quality assessment failed); got quality=" + quality + ". To read one sample, GET "
          + "/v1/samples/{id}."));
    }
    int limit;
    try {
      limit = request.all("limit").isEmpty() ? DEFAULT_LIMIT : Integer.parseInt(request.all("limit").get(0));
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      return Reply.of(400, new ErrorBody("INVALID_QUERY", "limit must be a whole number from 1 to " + MAX_LIMIT
          + ", got '" + request.all("limit") + "'."));
    }
    Optional<io.strata.ingest.gateway.upload.FailedReviews.Position> after;
    try {
      after = request.all("after").isEmpty() || request.all("after").get(0).isEmpty() ? Optional.empty()
          : Optional.of(Cursor.decode(request.all("after").get(0)));
    } catch (IllegalArgumentException e) {
      return Reply.of(400, new ErrorBody("INVALID_CURSOR", "The after cursor '" + request.all("after").get(0)
          + "' is not one this gateway gave out. Pass the next value of the previous page unchanged, or omit after "
          + "to start from the newest."));
    }
    var page = samples.failedReviews(verified.tenantId(), after, limit);
    var bodies = page.samples().stream().map(SampleBody::reviewed).toList();
    return Reply.of(200, new SamplePage(bodies, page.next().map(Cursor::encode).orElse(null)));
  }

  /** A signed read's verified caller, or the reply that refuses it (signature, then rate). */
  private record ReadCheck(Verified caller, Reply refusal) {}

  private ReadCheck checkRead(Incoming request) {
    VerificationResult verification = verifier.verify(request.parts(), new byte[0]);
    if (verification instanceof Rejected rejected) {
      return new ReadCheck(null, refusal(signatureRefusal(rejected), null));
    }
    Verified verified = (Verified) verification;
    if (admission.admit(verified.appKey(), Apis.SAMPLES, 0) instanceof Decision.Refused refused) {
      return new ReadCheck(null, Apis.throttled(refusal(Apis.refusal(refused), null), refused));
    }
    return new ReadCheck(verified, null);
  }

  private Reply refuse(Caller caller, String requestId, FileUpload file, Refusal refusal, long size) {
    uploads.reject(caller, requestId, Optional.ofNullable(file), refusal, size);
    return refusal(refusal, requestId);
  }

  private static Reply refusal(Refusal refusal, String requestId) {
    var headers = new java.util.HashMap<String, String>();
    if (requestId != null) {
      headers.put("X-Request-Id", requestId);
    }
    if (refusal.httpStatus() == 401) {
      headers.put("WWW-Authenticate", "STRATA-HMAC-SHA256");
    }
    return new Reply(refusal.httpStatus(), new ErrorBody(refusal.code(), refusal.message()), headers);
  }

  private static Refusal signatureRefusal(Rejected rejected) {
    return new Refusal(rejected.httpStatus(), rejected.code().name(), rejected.message(),
        UploadError.fromSignature(rejected.code()));
  }

  /**
   * The tenant a refusal is recorded under: the app's, only when its signature was verified (a blocked app or a
   * replay), since anyone can name an app key.
   */
  private Caller callerOfRefused(Rejected rejected, Incoming request) {
    List<String> keys = request.parts().headers().values("X-Strata-App-Key");
    String appKey = keys.size() == 1 ? keys.get(0) : null;
    if (appKey != null && (rejected.code() == RejectionCode.APP_BLOCKED || rejected.code() == RejectionCode.NONCE_REPLAYED)) {
      Optional<AppEvent> app = apps.app(appKey);
      if (app.isPresent()) {
        return new Caller(app.get().getTenantId(), appKey);
      }
    }
    return new Caller(Caller.UNAUTHENTICATED_TENANT, appKey != null && appKey.length() <= 64 ? appKey : null);
  }

  private static UploadMetadata rawMetadata(Incoming request) {
    var tags = new ArrayList<String>(request.all("tag"));
    request.parameterOrHeader("tags", "X-Strata-Tags").ifPresent(t -> tags.addAll(split(t)));
    return new UploadMetadata(request.parameterOrHeader("dataset", "X-Strata-Dataset"), tags,
        request.parameterOrHeader("source", "X-Strata-Source"), request.parameterOrHeader("label", "X-Strata-Label"));
  }

  private static List<String> split(String tags) {
    return Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
  }

  private static String readField(Part part) throws IOException {
    byte[] bytes = part.content().readNBytes(MAX_FIELD_BYTES + 1);
    if (bytes.length > MAX_FIELD_BYTES) {
      throw new MalformedMultipartException("Form field '" + part.name() + "' is longer than " + MAX_FIELD_BYTES
          + " bytes", null);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The metadata fields of a multipart body; they apply to every file of the request. */
  private static final class MultipartFields {
    private String dataset;
    private String source;
    private String label;
    private final List<String> tags = new ArrayList<>();
    private String unknown;

    void add(String name, String value) {
      switch (name) {
        case "dataset" -> dataset = value.strip();
        case "source" -> source = value.strip();
        case "label" -> label = value.strip();
        case "tags", "tag" -> tags.addAll(split(value));
        default -> unknown = unknown == null ? name : unknown;
      }
    }

    UploadMetadata metadata() {
      if (unknown != null) {
        throw new IllegalArgumentException("Unknown form field '" + unknown + "': expected dataset, tags (or tag), "
            + "source, label and file parts");
      }
      return new UploadMetadata(Optional.ofNullable(dataset), tags, Optional.ofNullable(source),
          Optional.ofNullable(label));
    }
  }
}
