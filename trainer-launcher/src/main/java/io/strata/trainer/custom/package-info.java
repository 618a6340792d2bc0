/**
 * Running a registered custom trainer: the job's work directory (code extracted, base weights, the dataset
 * version's items as {@code items.jsonl}), its environment contract, and the packaging of its output directory
 * into a {@code strata-model/1} artifact in the blob store. docs/gpu-scheduler.md, "Custom trainers", is the
 * contract a trainer implements.
 */
package io.strata.trainer.custom;
