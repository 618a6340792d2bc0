package io.strata.ingest.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.auth.apps.ViewTimeoutException;
import io.strata.auth.limits.Admission;
import io.strata.auth.limits.Decision;
import io.strata.auth.signing.SignatureVerifier;
import io.strata.auth.signing.VerificationResult;
import io.strata.auth.signing.VerificationResult.Rejected;
import io.strata.auth.signing.VerificationResult.Verified;
import io.strata.events.LabelEvent;
import io.strata.ingest.gateway.upload.Caller;
import io.strata.ingest.gateway.upload.EventLog.EventLogException;
import io.strata.ingest.labels.LabelDraft;
import io.strata.ingest.labels.LabelError;
import io.strata.ingest.labels.LabelJson;
import io.strata.ingest.labels.LabelRefusedException;
import io.strata.ingest.labels.Labels;
import io.strata.ingest.labels.SampleLabels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The labels API (docs/ingest.md) without HTTP framework types: authenticates the signed request, reads its JSON
 * and answers with {@link Labels}' outcome. Every answer carries {@code X-Request-Id}, which is also the
 * {@code causationId} of the events written (the caller's own {@code X-Request-Id} when it sent one).
 */
public final class LabelEndpoint {

  private static final Logger log = LoggerFactory.getLogger(LabelEndpoint.class);

  private final SignatureVerifier verifier;
  private final Admission admission;
  private final Labels labels;

  public LabelEndpoint(SignatureVerifier verifier, Admission admission, Labels labels) {
    this.admission = Objects.requireNonNull(admission, "admission");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.labels = Objects.requireNonNull(labels, "labels");
  }

  /** The outcome of a handler: a reply, or a refusal turned into one. */
  private interface Handler {
    Reply handle(Caller caller, String requestId) throws LabelRefusedException, EventLogException;
  }

  /** {@code POST /v1/labels}: one label (201) or {@code {"labels":[...]}} (200, a result per item). */
  Reply make(Incoming request, byte[] body) {
    return signed(request, body, (caller, requestId) -> {
      JsonNode json = LabelJson.body(body);
      if (!json.has("labels")) {
        LabelDraft draft = LabelJson.label(json, "");
        Labels.Outcome outcome = labels.make(caller, List.of(draft), requestId).get(0);
        if (outcome.refused() != null) {
          throw outcome.refused();
        }
        return reply(201, LabelJson.event(outcome.made()), requestId);
      }
      return batch(caller, json, requestId);
    });
  }

  private Reply batch(Caller caller, JsonNode json, String requestId) throws LabelRefusedException, EventLogException {
    JsonNode items = json.get("labels");
    if (json.size() != 1 || !items.isArray() || items.isEmpty()) {
      throw new LabelRefusedException(LabelError.INVALID_LABEL, "A batch is {\"labels\":[label, ...]} with 1 to "
          + Labels.MAX_BATCH + " labels and no other field");
    }
    if (items.size() > Labels.MAX_BATCH) {
      throw new LabelRefusedException(LabelError.BATCH_TOO_LARGE, "A batch carries at most " + Labels.MAX_BATCH
          + " labels, this one " + items.size() + "; split it");
    }
    var drafts = new ArrayList<LabelDraft>();
    var parseErrors = new HashMap<Integer, LabelRefusedException>();
    for (int i = 0; i < items.size(); i++) {
      try {
        drafts.add(LabelJson.label(items.get(i), "labels[" + i + "]."));
      } catch (LabelRefusedException e) {
        parseErrors.put(i, e);
      }
    }
    List<Labels.Outcome> outcomes = labels.make(caller, drafts, requestId);
    ObjectNode answer = LabelJson.JSON.createObjectNode().put("requestId", requestId);
    ArrayNode results = LabelJson.JSON.createArrayNode();
    int accepted = 0;
    int next = 0;
    for (int i = 0; i < items.size(); i++) {
      LabelRefusedException refused = parseErrors.get(i);
      ObjectNode result = results.addObject().put("index", i);
      LabelEvent made = null;
      if (refused == null) {
        Labels.Outcome outcome = outcomes.get(next++);
        refused = outcome.refused();
        made = outcome.made();
      }
      if (made != null) {
        accepted++;
        result.put("status", 201).set("label", LabelJson.event(made));
      } else {
        result.put("status", refused.error().httpStatus()).put("code", refused.error().name())
            .put("message", refused.getMessage());
      }
    }
    answer.put("accepted", accepted).put("rejected", items.size() - accepted).set("results", results);
    return reply(200, answer, requestId);
  }

  /** {@code POST /v1/labels/{labelId}/retract}. */
  Reply retract(Incoming request, String labelId, byte[] body) {
    return signed(request, body, (caller, requestId) -> reply(200, LabelJson.event(
        labels.retract(caller, labelId, LabelJson.retraction(LabelJson.body(body)), requestId)), requestId));
  }

  /** {@code POST /v1/labels/{labelId}/review}: the review event, and the correction when there is one. */
  Reply review(Incoming request, String labelId, byte[] body) {
    return signed(request, body, (caller, requestId) -> {
      List<LabelEvent> written = labels.review(caller, labelId, LabelJson.review(LabelJson.body(body)), requestId);
      LabelEvent reviewed = written.get(written.size() - 1);
      ObjectNode answer = LabelJson.event(reviewed);
      if (written.size() > 1) {
        answer.set("correction", LabelJson.event(written.get(0)));
      }
      return reply(200, answer, requestId);
    });
  }

  /** {@code GET /v1/samples/{sampleId}/labels}: the labels in force and every event. */
  Reply history(Incoming request, String sampleId) {
    return signed(request, new byte[0], (caller, requestId) -> {
      SampleLabels state = labels.of(caller, sampleId);
      ObjectNode answer = LabelJson.JSON.createObjectNode().put("sampleId", sampleId);
      ArrayNode active = answer.putArray("active");
      state.active().forEach(e -> active.add(LabelJson.event(e)));
      ArrayNode history = answer.putArray("history");
      state.history().forEach(e -> history.add(LabelJson.event(e)));
      answer.put("historyTruncated", state.truncated());
      return reply(200, answer, requestId);
    });
  }

  private Reply signed(Incoming request, byte[] body, Handler handler) {
    String requestId = request.parts().headers().values("X-Request-Id").stream().findFirst()
        .filter(id -> !id.isBlank() && id.length() <= 128).orElseGet(() -> UUID.randomUUID().toString());
    VerificationResult verification = verifier.verify(request.parts(), body);
    if (verification instanceof Rejected rejected) {
      var headers = new HashMap<String, String>(Map.of("X-Request-Id", requestId));
      if (rejected.httpStatus() == 401) {
        headers.put("WWW-Authenticate", "STRATA-HMAC-SHA256");
      }
      return new Reply(rejected.httpStatus(), new ErrorBody(rejected.code().name(), rejected.message()), headers);
    }
    Verified verified = (Verified) verification;
    if (admission.admit(verified.appKey(), Apis.LABELS, 0) instanceof Decision.Refused refused) {
      return Apis.throttled(new Reply(429, new ErrorBody(refused.code(), refused.message()),
          Map.of("X-Request-Id", requestId)), refused);
    }
    var caller = new Caller(verified.tenantId(), verified.appKey());
    try {
      return handler.handle(caller, requestId);
    } catch (LabelRefusedException e) {
      return new Reply(e.error().httpStatus(), new ErrorBody(e.error().name(), e.getMessage()),
          Map.of("X-Request-Id", requestId));
    } catch (EventLogException | ViewTimeoutException e) {
      log.error("Cannot record labels requestId={} tenant={}: {}", requestId, caller.tenantId(), e.getMessage());
      return new Reply(503, new ErrorBody("EVENT_LOG_UNAVAILABLE", "The labels could not be recorded or read back ("
          + e.getMessage() + "). Send the request again; a retried batch may repeat labels already made, which "
          + "GET /v1/samples/{sampleId}/labels shows."), Map.of("Retry-After", "1", "X-Request-Id", requestId));
    }
  }

  private static Reply reply(int status, JsonNode body, String requestId) {
    return new Reply(status, body, Map.of("X-Request-Id", requestId));
  }
}
