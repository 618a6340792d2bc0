package io.strata.benchmarks.serde;

import io.strata.events.SampleEvent;

/** One way of turning an event into bytes and back; implementations reuse whatever they can. */
interface Codec {

  String name();

  byte[] encode(SampleEvent event);

  SampleEvent decode(byte[] bytes);
}
