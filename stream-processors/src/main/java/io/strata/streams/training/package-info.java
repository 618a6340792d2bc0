/**
 * The training trigger: a Kafka Streams application ({@code strata-training-trigger}) that turns a dataset's
 * training policy into version requests on {@code datasets} and, once the dataset versioner cut that version,
 * job requests on {@code training-jobs}.
 *
 * <p><b>Partitioning.</b> Rules and cuts ({@code datasets}, keyed by datasetId), labels ({@code labels}, keyed by
 * sampleId) and drift reports ({@code drift-reports}) are reduced to what the trigger needs, then repartitioned by
 * tenant ({@code inputs-by-tenant}), so one task sees all of a tenant's inputs and keeps its datasets' state in
 * {@value io.strata.streams.training.TrainingTrigger#STATE_STORE} (key {@code tenantId NUL datasetId}, a few dozen
 * bytes plus the policy per dataset). A record that cannot be read, or a rule whose policy is invalid, goes to
 * the dead letters before the repartition, with its original topic, offset and bytes.
 *
 * <p><b>What is counted.</b> The new-labels count is the number of MADE labels of the dataset's tenant whose class,
 * or one of whose box classes, is among the rule's classes (every label when the rule lists none), since the last
 * new-labels request. Tags, quality and whether the sample exists are not known at label time, so a label may
 * count that the version then leaves out: the version applies the full rule. Relabelling a sample counts again.
 *
 * <p><b>When it asks.</b> At the threshold the trigger appends a {@code VERSION_REQUESTED} with request id
 * {@code trigger:new-labels:<datasetId>:<n>} (n = 1, 2, ...), at most one pending per policy and dataset; a drift
 * report on the policy's model at or above its severity does the same with {@code trigger:drift:...}, once per
 * model version. The versioner answers a request id once, so a repeated request never cuts a second version.
 * The {@code VERSION_CUT} answering such a request (matched by its request id, which names the policy) starts a
 * job with the deterministic jobId {@link io.strata.streams.training.TriggerIds#jobId} of dataset, version and
 * policy, unless the version is empty (itemCount 0) or the policy already started a job on that version: never
 * two jobs for one dataset version and policy, even when a cut is read twice.
 */
package io.strata.streams.training;
