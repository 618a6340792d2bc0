package io.strata.registry.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.events.DatasetEvent;
import io.strata.events.DatasetEventKind;
import io.strata.events.DatasetRule;
import io.strata.events.VersionCut;
import io.strata.events.VersionRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetStateTest {

  private static DatasetEvent.Builder event(String tenant, DatasetEventKind kind) {
    return DatasetEvent.newBuilder().setEventId("e").setTenantId(tenant).setOccurredAt(Instant.EPOCH)
        .setProducer("test").setDatasetId("d").setKind(kind);
  }

  private static DatasetEvent cut(int version, String requestId) {
    return event("t", DatasetEventKind.VERSION_CUT).setVersionCut(VersionCut.newBuilder().setVersion(version)
        .setContentHash("h" + version).setItemCount(3).setCounts(List.of()).setRequestId(requestId).build()).build();
  }

  @Test
  void shouldFoldCreateRequestAndCut() {
    var rule = DatasetRule.newBuilder().setName("n").build();
    var state = DatasetState.apply(null, event("t", DatasetEventKind.CREATED).setRule(rule).build());
    state = DatasetState.apply(state, event("t", DatasetEventKind.VERSION_REQUESTED)
        .setVersionRequest(new VersionRequest("r1", "operator")).build());
    assertThat(state.pendingRequests()).containsExactly("r1");
    state = DatasetState.apply(state, cut(1, "r1"));
    assertThat(state.pendingRequests()).isEmpty();
    assertThat(state.version("r1")).map(VersionInfo::version).contains(1);
    // A replayed cut and a repeated request change nothing.
    var replayed = DatasetState.apply(DatasetState.apply(state, cut(1, "r1")), event("t",
        DatasetEventKind.VERSION_REQUESTED).setVersionRequest(new VersionRequest("r1", "operator")).build());
    assertThat(replayed.versions()).hasSize(1);
    assertThat(replayed.pendingRequests()).isEmpty();
  }

  @Test
  void shouldIgnoreEventsOfAnotherTenantAndOfUncreatedDatasets() {
    assertThat(DatasetState.apply(null, cut(1, "r"))).isNull();
    var rule = DatasetRule.newBuilder().setName("n").build();
    var state = DatasetState.apply(null, event("t", DatasetEventKind.CREATED).setRule(rule).build());
    var other = DatasetState.apply(state, event("intruder", DatasetEventKind.RULE_CHANGED)
        .setRule(DatasetRule.newBuilder().setName("hijacked").build()).build());
    assertThat(other.rule().getName()).isEqualTo("n");
  }
}
