package io.strata.streams.training;

import io.strata.events.DriftSeverity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The trigger's decisions as pure functions of a dataset's state and one input; the processor only reads and
 * writes the state and appends what the decisions ask for.
 *
 * <ul>
 *   <li>A label counts when it is a MADE label of the dataset's tenant whose class (or one of whose box classes)
 *       is among the rule's classes, any label when the rule lists none. At {@code newLabels} counted labels a
 *       version is requested and the count starts again from zero. While that version is not cut yet, labels
 *       keep counting but no second request is made; when the cut arrives and the count already reached the
 *       threshold, the next request is made at once. A bulk import of many labels thus cuts a few versions
 *       rather than one per {@code newLabels} labels.</li>
 *   <li>A drift report of the tenant on the policy's model at or above the policy's severity requests a version,
 *       once per model version (the next drift request needs a report on a newer model version) and never
 *       while a drift version is still pending.</li>
 *   <li>A cut answering one of the trigger's requests starts a job of that request's policy, unless the version
 *       is empty (itemCount 0), the policy was turned off since, or that policy already started a job on this
 *       version or a later one.</li>
 * </ul>
 */
public final class TriggerPolicy {

  private TriggerPolicy() {
  }

  /** A CREATED or RULE_CHANGED: the dataset's classes and policy; the counters carry over. */
  public static TriggerStep onRule(DatasetTrigger known, String tenantId, String datasetId, List<String> classes,
      Policy policy) {
    DatasetTrigger state = known == null ? DatasetTrigger.defined(tenantId, datasetId, classes, policy)
        : known.withRule(classes, policy);
    return requestIfDue(state, new ArrayList<>());
  }

  /** A MADE label of the dataset's tenant, with its class and box classes. */
  public static TriggerStep onLabel(DatasetTrigger state, Collection<String> labelClasses) {
    Policy policy = state.policy();
    if (policy == null || policy.newLabels() == null || !counts(state.classes(), labelClasses)) {
      return TriggerStep.unchanged(state);
    }
    int counted = state.labelsCounted() == Integer.MAX_VALUE ? Integer.MAX_VALUE : state.labelsCounted() + 1;
    return requestIfDue(state.withLabelsCounted(counted), new ArrayList<>());
  }

  /** A drift report of the dataset's tenant. */
  public static TriggerStep onDrift(DatasetTrigger state, String modelName, int modelVersion,
      DriftSeverity severity) {
    Policy policy = state.policy();
    if (policy == null || !policy.modelName().equals(modelName) || !policy.driftReached(severity)
        || modelVersion <= state.driftModelVersion() || state.pendingDrift() != null) {
      return TriggerStep.unchanged(state);
    }
    int number = state.driftRequests() + 1;
    String requestId = TriggerIds.requestId(Policy.DRIFT, state.datasetId(), number);
    return new TriggerStep(state.withDriftRequest(number, requestId, modelVersion),
        List.of(new TriggerAction.RequestVersion(requestId, Policy.DRIFT)));
  }

  /** A {@code VERSION_CUT} of the dataset. */
  public static TriggerStep onCut(DatasetTrigger state, String requestId, int version, long itemCount) {
    Optional<TriggerIds.Request> request = TriggerIds.parse(requestId, state.datasetId());
    if (request.isEmpty()) {
      return TriggerStep.unchanged(state);
    }
    String policyName = request.get().policy();
    var actions = new ArrayList<TriggerAction>();
    boolean start = itemCount > 0 && state.policy() != null && state.policy().enabled(policyName)
        && version > state.jobVersion(policyName);
    if (start) {
      actions.add(new TriggerAction.StartJob(TriggerIds.jobId(state.datasetId(), version, policyName), policyName,
          version));
    }
    DatasetTrigger next = state.withCut(policyName, request.get().number(), requestId, start ? version : 0);
    return requestIfDue(next, actions);
  }

  /** Whether a label of {@code labelClasses} counts towards a dataset of {@code ruleClasses}. */
  static boolean counts(List<String> ruleClasses, Collection<String> labelClasses) {
    return ruleClasses.isEmpty() || labelClasses.stream().anyMatch(ruleClasses::contains);
  }

  private static TriggerStep requestIfDue(DatasetTrigger state, List<TriggerAction> actions) {
    Policy policy = state.policy();
    if (policy == null || policy.newLabels() == null || state.labelsCounted() < policy.newLabels()
        || state.pendingNewLabels() != null) {
      return new TriggerStep(state, actions);
    }
    int number = state.newLabelsRequests() + 1;
    String requestId = TriggerIds.requestId(Policy.NEW_LABELS, state.datasetId(), number);
    actions.add(new TriggerAction.RequestVersion(requestId, Policy.NEW_LABELS));
    return new TriggerStep(state.withNewLabelsRequest(number, requestId), actions);
  }
}
