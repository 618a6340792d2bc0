package io.strata.streams.datasets;

import io.strata.events.LabelEvent;
import io.strata.events.SampleEvent;

/** What a slice task reads: a sample fact, a label fact, or a cut marker. Never leaves the task. */
sealed interface SliceInput {

  record Sample(SampleEvent event) implements SliceInput {
  }

  record Label(LabelEvent event) implements SliceInput {
  }

  record Marker(CutMarker marker) implements SliceInput {
  }
}
