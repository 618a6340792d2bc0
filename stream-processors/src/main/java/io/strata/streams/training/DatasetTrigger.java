package io.strata.streams.training;

import java.util.List;

/**
 * What the trigger keeps per dataset (a few dozen bytes plus the policy, whatever the dataset's size).
 *
 * @param tenantId the dataset's tenant
 * @param datasetId the dataset
 * @param classes the rule's classes: labels of these classes count; empty = every label counts
 * @param policy the training policy; null = manual only
 * @param labelsCounted labels counted since the last new-labels request
 * @param newLabelsRequests new-labels version requests made so far (numbers the request ids)
 * @param driftRequests drift version requests made so far
 * @param pendingNewLabels the request id of the new-labels version not cut yet; null = none
 * @param pendingDrift the request id of the drift version not cut yet; null = none
 * @param newLabelsJobVersion the dataset version of the last new-labels job; 0 = none
 * @param driftJobVersion the dataset version of the last drift job; 0 = none
 * @param driftModelVersion the model version whose drift report last triggered; 0 = none
 */
public record DatasetTrigger(String tenantId, String datasetId, List<String> classes, Policy policy,
    int labelsCounted, int newLabelsRequests, int driftRequests, String pendingNewLabels, String pendingDrift,
    int newLabelsJobVersion, int driftJobVersion, int driftModelVersion) {

  public DatasetTrigger {
    classes = List.copyOf(classes);
  }

  /** A dataset just defined: nothing counted, requested or started yet. */
  public static DatasetTrigger defined(String tenantId, String datasetId, List<String> classes, Policy policy) {
    return new DatasetTrigger(tenantId, datasetId, classes, policy, 0, 0, 0, null, null, 0, 0, 0);
  }

  DatasetTrigger withRule(List<String> newClasses, Policy newPolicy) {
    return new DatasetTrigger(tenantId, datasetId, newClasses, newPolicy, labelsCounted, newLabelsRequests,
        driftRequests, pendingNewLabels, pendingDrift, newLabelsJobVersion, driftJobVersion, driftModelVersion);
  }

  DatasetTrigger withLabelsCounted(int count) {
    return new DatasetTrigger(tenantId, datasetId, classes, policy, count, newLabelsRequests, driftRequests,
        pendingNewLabels, pendingDrift, newLabelsJobVersion, driftJobVersion, driftModelVersion);
  }

  DatasetTrigger withNewLabelsRequest(int requests, String pending) {
    return new DatasetTrigger(tenantId, datasetId, classes, policy, 0, requests, driftRequests, pending,
        pendingDrift, newLabelsJobVersion, driftJobVersion, driftModelVersion);
  }

  DatasetTrigger withDriftRequest(int requests, String pending, int modelVersion) {
    return new DatasetTrigger(tenantId, datasetId, classes, policy, labelsCounted, newLabelsRequests, requests,
        pendingNewLabels, pending, newLabelsJobVersion, driftJobVersion, modelVersion);
  }

  DatasetTrigger withCut(String policyName, int requestNumber, String requestId, int jobVersion) {
    boolean newLabels = Policy.NEW_LABELS.equals(policyName);
    return new DatasetTrigger(tenantId, datasetId, classes, policy, labelsCounted,
        newLabels ? Math.max(newLabelsRequests, requestNumber) : newLabelsRequests,
        newLabels ? driftRequests : Math.max(driftRequests, requestNumber),
        newLabels && requestId.equals(pendingNewLabels) ? null : pendingNewLabels,
        !newLabels && requestId.equals(pendingDrift) ? null : pendingDrift,
        newLabels ? Math.max(newLabelsJobVersion, jobVersion) : newLabelsJobVersion,
        newLabels ? driftJobVersion : Math.max(driftJobVersion, jobVersion), driftModelVersion);
  }

  /** The dataset version of the last job the named policy started; 0 = none. */
  int jobVersion(String policyName) {
    return Policy.NEW_LABELS.equals(policyName) ? newLabelsJobVersion : driftJobVersion;
  }
}
