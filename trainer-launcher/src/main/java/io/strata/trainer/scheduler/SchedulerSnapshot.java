package io.strata.trainer.scheduler;

import java.util.SortedMap;
import java.util.SortedSet;

/**
 * The scheduler's state as comparable values: what replaying {@code training-jobs} must reproduce.
 *
 * @param jobs unfinished jobs by id
 * @param gpuOwners node → GPU index → owning job, for live nodes
 * @param finished ids of jobs that succeeded, failed or were cancelled
 */
public record SchedulerSnapshot(SortedMap<String, JobState> jobs, SortedMap<String, SortedMap<Integer, String>> gpuOwners,
    SortedSet<String> finished) {}
