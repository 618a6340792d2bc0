package io.strata.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.events.NodeGpus;
import io.strata.events.Placement;
import io.strata.events.TrainingJobEvent;
import io.strata.events.TrainingJobEventKind;
import io.strata.events.TrainingRequest;
import io.strata.trainer.jobs.JobEvents;
import io.strata.trainer.jobs.JobLedger;
import io.strata.trainer.jobs.RequeueCause;
import io.strata.trainer.scheduler.GpuScheduler;
import io.strata.trainer.scheduler.SchedulerConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RestartRuleTest {

  private final AtomicInteger ids = new AtomicInteger();
  private final JobEvents events = new JobEvents("trainer-launcher@test", "local",
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), () -> "e" + ids.incrementAndGet());

  @Test
  void shouldRequeueRunningJobsAndLeaveQueuedAndFinishedOnesAlone() {
    var ledger = new JobLedger();
    ledger.apply(requested("queued"));
    ledger.apply(requested("running"));
    ledger.apply(scheduled("running"));
    ledger.apply(requested("started"));
    ledger.apply(scheduled("started"));
    ledger.apply(event("started", TrainingJobEventKind.STARTED).build());
    ledger.apply(requested("done"));
    ledger.apply(scheduled("done"));
    ledger.apply(event("done", TrainingJobEventKind.SUCCEEDED).build());

    var actions = RestartRule.decide(ledger.unfinished(), 3);

    assertThat(actions).extracting(RestartRule.Action::jobId).containsExactly("running", "started");
    assertThat(actions).allSatisfy(a -> {
      assertThat(a.fail()).isFalse();
      assertThat(RequeueCause.of(a.reason())).isEqualTo(RequeueCause.NODE_LOST);
      assertThat(a.reason()).contains("trainer launcher restarted").contains("node loss 1 of 3");
    });
  }

  @Test
  void shouldRebuildARequeuedJobAsQueuedWithOneMoreAttempt() {
    var ledger = new JobLedger();
    ledger.apply(requested("j"));
    ledger.apply(scheduled("j"));
    var action = RestartRule.decide(ledger.unfinished(), 3).get(0);
    ledger.apply(events.requeued(action.jobId(), action.tenantId(), action.reason(), null));

    var scheduler = new GpuScheduler(SchedulerConfig.defaults());
    ledger.restoreInto(scheduler);

    assertThat(scheduler.job("j")).get().satisfies(state -> {
      assertThat(state.running()).isFalse();
      assertThat(state.nodeLossAttempts()).isEqualTo(1);
    });
    assertThat(scheduler.queued()).extracting(r -> r.jobId()).containsExactly("j");
  }

  @Test
  void shouldFailAJobThatLostItsLauncherTooOften() {
    var ledger = new JobLedger();
    ledger.apply(requested("j"));
    for (int i = 0; i < 2; i++) {
      ledger.apply(scheduled("j"));
      ledger.apply(events.requeued("j", "t1", RequeueCause.NODE_LOST.reason("lost"), null));
    }
    ledger.apply(scheduled("j"));

    var actions = RestartRule.decide(ledger.unfinished(), 3);

    assertThat(actions).singleElement().satisfies(a -> {
      assertThat(a.fail()).isTrue();
      assertThat(a.reason()).contains("3 times, the limit is 3");
    });
  }

  @Test
  void shouldNotCountACleanStopAsAnAttempt() {
    var ledger = new JobLedger();
    ledger.apply(requested("j"));
    ledger.apply(scheduled("j"));
    ledger.apply(events.requeued("j", "t1", RequeueCause.PREEMPTED.reason("the trainer launcher stopped"), null));

    assertThat(ledger.unfinished()).singleElement().satisfies(s -> {
      assertThat(s.running()).isFalse();
      assertThat(s.nodeLossAttempts()).isZero();
    });
    assertThat(RestartRule.decide(ledger.unfinished(), 3)).isEmpty();
  }

  private TrainingJobEvent requested(String jobId) {
    return event(jobId, TrainingJobEventKind.REQUESTED).setRequest(TrainingRequest.newBuilder().setDatasetId("d")
        .setDatasetVersion(1).setPolicy("manual").setTrainer("builtin").build()).build();
  }

  private TrainingJobEvent scheduled(String jobId) {
    return event(jobId, TrainingJobEventKind.SCHEDULED)
        .setPlacement(new Placement("local", List.of(new NodeGpus("host", List.of())))).build();
  }

  private TrainingJobEvent.Builder event(String jobId, TrainingJobEventKind kind) {
    return TrainingJobEvent.newBuilder().setEventId("e" + ids.incrementAndGet()).setTenantId("t1")
        .setOccurredAt(Instant.parse("2026-01-01T00:00:00Z")).setProducer("test").setJobId(jobId).setKind(kind)
        .setRequest(null);
  }

}
