package io.strata.streams.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every state a sample has been in, each with the timestamp of the event that made it, in processing order
 * (the topic order within the sample's partitions). The whole history is kept so that a version cut "as of" an
 * older time reads the same state in a live run and in a replay; its size follows the sample's own events.
 *
 * @param snapshots oldest first
 */
public record SampleHistory(List<Snapshot> snapshots) {

  /**
   * @param timestamp log-append time of the event that made this state
   * @param state the state after it
   */
  public record Snapshot(long timestamp, SampleState state) {
  }

  public SampleHistory {
    snapshots = List.copyOf(snapshots);
  }

  /** The latest state, if any. */
  public Optional<SampleState> latest() {
    return snapshots.isEmpty() ? Optional.empty() : Optional.of(snapshots.get(snapshots.size() - 1).state());
  }

  /** This history with {@code state} appended. */
  public SampleHistory append(long timestamp, SampleState state) {
    var next = new ArrayList<>(snapshots);
    next.add(new Snapshot(timestamp, state));
    return new SampleHistory(next);
  }

  /**
   * The state made by the last event strictly older than {@code asOf} (in processing order). An event at the
   * same millisecond as a cut is never in it, whichever of the two Kafka Streams handled first.
   */
  public Optional<SampleState> asOf(long asOf) {
    SampleState found = null;
    for (Snapshot snapshot : snapshots) {
      if (snapshot.timestamp() < asOf) {
        found = snapshot.state();
      }
    }
    return Optional.ofNullable(found);
  }
}
