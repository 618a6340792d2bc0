package io.strata.streams.training;

import java.util.List;

/**
 * The outcome of one input for one dataset: its new state and what to append.
 *
 * @param state the dataset's state after the input
 * @param actions the versions and jobs to request, in order
 */
public record TriggerStep(DatasetTrigger state, List<TriggerAction> actions) {

  public TriggerStep {
    actions = List.copyOf(actions);
  }

  static TriggerStep unchanged(DatasetTrigger state) {
    return new TriggerStep(state, List.of());
  }
}
