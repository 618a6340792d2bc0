package io.strata.streams.training;

import io.strata.events.BoundingBox;
import io.strata.events.DatasetEvent;
import io.strata.events.DriftReport;
import io.strata.events.DriftSeverity;
import io.strata.events.LabelEvent;
import io.strata.events.LabelEventKind;
import java.util.ArrayList;
import java.util.List;

/**
 * What the trigger needs of its three inputs, keyed by tenant on the repartition topic. Only the events that
 * matter are kept; a record that cannot be read fails here, before the repartition, so the dead letter carries
 * the original topic, offset and bytes.
 */
sealed interface TriggerInput {

  /** The tenant, the repartition key. */
  String tenantId();

  /** A dataset was created or its rule changed. */
  record Rule(String tenantId, String datasetId, List<String> classes, Policy policy, String eventId)
      implements TriggerInput {
    public Rule {
      classes = List.copyOf(classes);
    }
  }

  /** A version was cut for one of the trigger's requests. */
  record Cut(String tenantId, String datasetId, String requestId, int version, long itemCount, String eventId)
      implements TriggerInput {
  }

  /** A label was made, with its class and box classes. */
  record Label(String tenantId, List<String> classes, String eventId) implements TriggerInput {
    public Label {
      classes = List.copyOf(classes);
    }
  }

  /** A drift report on a model version. */
  record Drift(String tenantId, String modelName, int modelVersion, DriftSeverity severity, String eventId)
      implements TriggerInput {
  }

  /** The input a {@code datasets} event is; none for requests and for cuts the trigger did not ask for. */
  static List<TriggerInput> of(DatasetEvent event) {
    if (event == null) {
      throw new IllegalArgumentException("A datasets record without a value");
    }
    return switch (event.getKind()) {
      case CREATED, RULE_CHANGED -> {
        if (event.getRule() == null) {
          throw new IllegalArgumentException("Dataset " + event.getDatasetId() + ": a " + event.getKind()
              + " event must carry the rule");
        }
        var rule = event.getRule();
        Policy policy;
        try {
          policy = Policy.of(rule.getTrainingPolicy());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("Dataset " + event.getDatasetId() + ": " + e.getMessage()
              + "; no automatic training for it until a RULE_CHANGED with a valid policy", e);
        }
        yield List.of(new Rule(event.getTenantId(), event.getDatasetId(), rule.getClasses(), policy,
            event.getEventId()));
      }
      case VERSION_CUT -> {
        var cut = event.getVersionCut();
        if (cut == null) {
          throw new IllegalArgumentException("Dataset " + event.getDatasetId()
              + ": a VERSION_CUT event must carry the versionCut");
        }
        yield TriggerIds.parse(cut.getRequestId(), event.getDatasetId()).isEmpty() ? List.of()
            : List.of(new Cut(event.getTenantId(), event.getDatasetId(), cut.getRequestId(), cut.getVersion(),
                cut.getItemCount(), event.getEventId()));
      }
      default -> List.of();
    };
  }

  /** The input a {@code labels} event is: MADE labels only. */
  static List<TriggerInput> of(LabelEvent event) {
    if (event == null) {
      throw new IllegalArgumentException("A labels record without a value");
    }
    if (event.getKind() != LabelEventKind.MADE) {
      return List.of();
    }
    var classes = new ArrayList<String>();
    if (event.getClassLabel() != null) {
      classes.add(event.getClassLabel());
    }
    for (BoundingBox box : event.getBoxes()) {
      classes.add(box.getClassLabel());
    }
    return List.of(new Label(event.getTenantId(), classes.stream().distinct().toList(), event.getEventId()));
  }

  /** The input a {@code drift-reports} event is. */
  static List<TriggerInput> of(DriftReport report) {
    if (report == null) {
      throw new IllegalArgumentException("A drift-reports record without a value");
    }
    return List.of(new Drift(report.getTenantId(), report.getModelName(), report.getModelVersion(),
        report.getSeverity(), report.getEventId()));
  }
}
