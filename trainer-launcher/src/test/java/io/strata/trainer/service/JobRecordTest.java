package io.strata.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.events.TrainingJobEvent;
import io.strata.events.TrainingJobEventKind;
import io.strata.events.TrainingOutcome;
import io.strata.events.TrainingProgress;
import io.strata.events.TrainingRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobRecordTest {

  private int ids;

  @Test
  void shouldFoldALifeAndKeepAFinishedJobFinished() {
    JobRecord job = fold(null, requested("j1", "acme", "cats", 1, "manual"));
    assertThat(job.state()).isEqualTo(JobRecord.QUEUED);
    job = fold(job, event("j1", "acme", TrainingJobEventKind.STARTED).setLogsUri("file:/l/j1.log").build());
    job = fold(job, event("j1", "acme", TrainingJobEventKind.PROGRESS)
        .setProgress(new TrainingProgress(2, 0.3, Map.of("accuracy", 0.8))).build());
    assertThat(job.state()).isEqualTo(JobRecord.RUNNING);
    assertThat(job.progress().getEpoch()).isEqualTo(2);
    assertThat(job.logsUri()).isEqualTo("file:/l/j1.log");
    job = fold(job, event("j1", "acme", TrainingJobEventKind.SUCCEEDED)
        .setOutcome(new TrainingOutcome("blob:x", "ab", Map.of())).build());
    job = fold(job, event("j1", "acme", TrainingJobEventKind.FAILED).setReason("late").build());

    assertThat(job.state()).isEqualTo(JobRecord.SUCCEEDED);
    assertThat(job.outcome().getArtifactUri()).isEqualTo("blob:x");
    assertThat(job.reason()).isNull();
  }

  @Test
  void shouldFindAnUnfinishedDuplicateOnlyForTheSameTenantDatasetVersionAndPolicy() {
    var all = new ArrayList<JobRecord>();
    all.add(fold(null, requested("a", "acme", "cats", 1, "manual")));
    all.add(fold(null, requested("b", "other", "cats", 2, "manual")));
    all.add(fold(null, requested("c", "acme", "cats", 2, "new-labels")));
    all.add(fold(fold(null, requested("d", "acme", "cats", 3, "manual")),
        event("d", "acme", TrainingJobEventKind.CANCELLED).build()));

    assertThat(TrainingJobsApi.unfinishedDuplicate(all, "acme", "cats", 1, "manual")).get()
        .extracting(JobRecord::jobId).isEqualTo("a");
    assertThat(TrainingJobsApi.unfinishedDuplicate(all, "acme", "cats", 2, "manual")).isEmpty();
    assertThat(TrainingJobsApi.unfinishedDuplicate(all, "acme", "cats", 3, "manual")).isEmpty();
    assertThat(TrainingJobsApi.unfinishedDuplicate(List.copyOf(all), "other", "cats", 1, "manual")).isEmpty();
  }

  private static JobRecord fold(JobRecord previous, TrainingJobEvent event) {
    return JobRecord.next(previous, event);
  }

  private TrainingJobEvent requested(String jobId, String tenant, String dataset, int version, String policy) {
    return event(jobId, tenant, TrainingJobEventKind.REQUESTED).setRequest(TrainingRequest.newBuilder()
        .setDatasetId(dataset).setDatasetVersion(version).setPolicy(policy).setTrainer("builtin").build()).build();
  }

  private TrainingJobEvent.Builder event(String jobId, String tenant, TrainingJobEventKind kind) {
    return TrainingJobEvent.newBuilder().setEventId("e" + ++ids).setTenantId(tenant)
        .setOccurredAt(Instant.ofEpochMilli(1_000L * ids)).setProducer("test").setJobId(jobId).setKind(kind);
  }
}
