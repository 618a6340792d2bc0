package io.strata.ingest.labels;

import io.strata.events.Annotator;
import io.strata.events.BoundingBox;
import io.strata.events.LabelEvent;
import io.strata.events.LabelEventKind;
import io.strata.events.LabelReview;
import io.strata.events.ReviewVerdict;
import io.strata.ingest.gateway.upload.Caller;
import io.strata.ingest.gateway.upload.EventLog;
import io.strata.ingest.gateway.upload.EventLog.EventLogException;
import io.strata.ingest.gateway.upload.KnownSample;
import io.strata.ingest.gateway.upload.SamplesView;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The labels API without HTTP. Every write is checked against the caller's tenant (its samples, its labels;
 * another tenant's ids are answered like unknown ones), appended to {@code labels} keyed by sample id, and
 * returned only once {@link LabelsView} has applied it, so that the caller reads its own write. Retractions and
 * reviews of one sample are serialized, so that two concurrent retractions append one event. Thread-safe.
 */
public final class Labels {

  /** The most labels one batch request may carry. */
  public static final int MAX_BATCH = 1000;

  private static final Logger log = LoggerFactory.getLogger(Labels.class);
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final SamplesView samples;
  private final LabelsView labels;
  private final EventLog events;
  private final Clock clock;
  private final String producer;
  private final Duration timeout;
  private final ReentrantLock[] locks = new ReentrantLock[64];

  public Labels(SamplesView samples, LabelsView labels, EventLog events, Clock clock, String producer,
      Duration timeout) {
    this.samples = Objects.requireNonNull(samples, "samples");
    this.labels = Objects.requireNonNull(labels, "labels");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.producer = Objects.requireNonNull(producer, "producer");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** One item of {@link #make}: the label made, or why it was refused. */
  public record Outcome(LabelEvent made, LabelRefusedException refused) {}

  /**
   * Checks each draft against the tenant's samples and appends a {@code MADE} event for every good one; the bad
   * ones are refused one by one. Returns in the drafts' order once every event is applied.
   *
   * @throws EventLogException when Kafka does not acknowledge (the caller answers 503; a retry may repeat labels
   *     that were appended before the failure)
   */
  public List<Outcome> make(Caller caller, List<LabelDraft> drafts, String requestId) throws EventLogException {
    var outcomes = new ArrayList<Outcome>(drafts.size());
    var made = new ArrayList<LabelEvent>();
    for (LabelDraft draft : drafts) {
      try {
        KnownSample sample = sample(caller, draft.sampleId());
        checkBoxes(draft.boxes(), sample, "boxes");
        LabelEvent event = event(caller, requestId, UUID.randomUUID().toString(), draft.sampleId(),
            LabelEventKind.MADE).setClassLabel(draft.classLabel()).setBoxes(draft.boxes())
            .setAnnotator(draft.annotator()).setConfidence(draft.confidence()).setDataset(draft.dataset()).build();
        made.add(event);
        outcomes.add(new Outcome(event, null));
      } catch (LabelRefusedException e) {
        outcomes.add(new Outcome(null, e));
      }
    }
    append(made);
    log.info("Labels made tenant={} appKey={} requestId={} made={} refused={}", caller.tenantId(), caller.appKey(),
        requestId, made.size(), drafts.size() - made.size());
    return outcomes;
  }

  /** Retracts a label in force; returns the {@code RETRACTED} event once applied. */
  public LabelEvent retract(Caller caller, String labelId, Annotator annotator, String requestId)
      throws LabelRefusedException, EventLogException {
    String sampleId = sampleOfLabel(caller, labelId);
    ReentrantLock lock = lock(sampleId);
    lock.lock();
    try {
      LabelEvent label = inForce(caller, sampleId, labelId);
      LabelEvent retracted = event(caller, requestId, labelId, sampleId, LabelEventKind.RETRACTED)
          .setClassLabel(label.getClassLabel()).setAnnotator(annotator).setDataset(label.getDataset()).build();
      append(List.of(retracted));
      log.info("Label retracted tenant={} labelId={} sampleId={} requestId={}", caller.tenantId(), labelId, sampleId,
          requestId);
      return retracted;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records a review of a label in force. For {@code CORRECTED}, first a {@code MADE} label by the reviewer, then
   * the {@code REVIEWED} event naming it as {@code correctedLabelId}; both are returned, in log order.
   */
  public List<LabelEvent> review(Caller caller, String labelId, Review review, String requestId)
      throws LabelRefusedException, EventLogException {
    String sampleId = sampleOfLabel(caller, labelId);
    ReentrantLock lock = lock(sampleId);
    lock.lock();
    try {
      LabelEvent label = inForce(caller, sampleId, labelId);
      var written = new ArrayList<LabelEvent>(2);
      String correctedLabelId = null;
      if (review.verdict() == ReviewVerdict.CORRECTED) {
        checkBoxes(review.correctedBoxes(), sample(caller, sampleId), "correction.boxes");
        correctedLabelId = UUID.randomUUID().toString();
        written.add(event(caller, requestId, correctedLabelId, sampleId, LabelEventKind.MADE)
            .setClassLabel(review.correctedClass()).setBoxes(review.correctedBoxes()).setAnnotator(review.reviewer())
            .setDataset(label.getDataset()).build());
      }
      written.add(event(caller, requestId, labelId, sampleId, LabelEventKind.REVIEWED)
          .setClassLabel(label.getClassLabel()).setAnnotator(review.reviewer()).setDataset(label.getDataset())
          .setReview(new LabelReview(labelId, review.verdict(), correctedLabelId)).build());
      append(written);
      log.info("Label reviewed tenant={} labelId={} sampleId={} verdict={} reviewedModel={} requestId={}",
          caller.tenantId(), labelId, sampleId, review.verdict(), label.getAnnotator().getId(), requestId);
      return written;
    } finally {
      lock.unlock();
    }
  }

  /** The tenant's labels of one of its samples. */
  public SampleLabels of(Caller caller, String sampleId) throws LabelRefusedException {
    sample(caller, sampleId);
    return labels.of(caller.tenantId(), sampleId);
  }

  private KnownSample sample(Caller caller, String sampleId) throws LabelRefusedException {
    Optional<KnownSample> found = SHA256.matcher(sampleId).matches()
        ? samples.find(caller.tenantId(), sampleId) : Optional.empty();
    return found.orElseThrow(() -> new LabelRefusedException(LabelError.SAMPLE_NOT_FOUND, "Your tenant has no "
        + "sample '" + sampleId + "'. A sample id is the lower-case hex SHA-256 of the image bytes, as POST "
        + "/v1/samples answered it; upload the image first."));
  }

  private String sampleOfLabel(Caller caller, String labelId) throws LabelRefusedException {
    return labels.sampleOf(caller.tenantId(), labelId).orElseThrow(() -> new LabelRefusedException(
        LabelError.LABEL_NOT_FOUND, "Your tenant has no label '" + labelId + "'. Label ids are the 'labelId' that "
        + "POST /v1/labels answered; GET /v1/samples/{sampleId}/labels lists a sample's labels."));
  }

  private LabelEvent inForce(Caller caller, String sampleId, String labelId) throws LabelRefusedException {
    SampleLabels state = labels.of(caller.tenantId(), sampleId);
    Optional<LabelEvent> label = state.inForce(labelId);
    if (label.isPresent()) {
      return label.get();
    }
    String because = state.closedBecause(labelId).orElse("UNKNOWN");
    if (because.equals("RETRACTED")) {
      throw new LabelRefusedException(LabelError.LABEL_ALREADY_RETRACTED, "Label '" + labelId + "' is already "
          + "retracted; nothing to do. Make a new label instead.");
    }
    throw new LabelRefusedException(LabelError.LABEL_NOT_IN_FORCE, "Label '" + labelId + "' is no longer in force "
        + "(review verdict " + because + "); retract or review the label that replaced it instead.");
  }

  private static void checkBoxes(List<BoundingBox> boxes, KnownSample sample, String at)
      throws LabelRefusedException {
    for (int i = 0; i < boxes.size(); i++) {
      BoundingBox box = boxes.get(i);
      if (box.getXMax() > sample.width() || box.getYMax() > sample.height()) {
        throw new LabelRefusedException(LabelError.INVALID_BOX, "Box '" + at + "[" + i + "]' (" + box.getXMin()
            + ", " + box.getYMin() + ", " + box.getXMax() + ", " + box.getYMax() + ") lies outside sample '"
            + sample.sampleId() + "', which is " + sample.width() + "x" + sample.height() + " pixels; coordinates "
            + "are pixels of the original image, origin top-left.");
      }
    }
  }

  private LabelEvent.Builder event(Caller caller, String requestId, String labelId, String sampleId,
      LabelEventKind kind) {
    return LabelEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(caller.tenantId())
        .setOccurredAt(clock.instant()).setProducer(producer).setCausationId(requestId).setLabelId(labelId)
        .setSampleId(sampleId).setKind(kind).setBoxes(List.of());
  }

  private void append(List<LabelEvent> written) throws EventLogException {
    if (written.isEmpty()) {
      return;
    }
    for (RecordMetadata metadata : events.appendAll(written)) {
      labels.awaitApplied(metadata, timeout);
    }
  }

  private ReentrantLock lock(String sampleId) {
    return locks[Math.floorMod(sampleId.hashCode(), locks.length)];
  }
}
