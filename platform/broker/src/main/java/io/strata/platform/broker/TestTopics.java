package io.strata.platform.broker;

import java.util.UUID;

/** Topic names for tests that share one broker: each call gives a name no other test uses. */
public final class TestTopics {

  private TestTopics() {}

  /** {@code <prefix>-<8 random hex digits>}, e.g. {@code samples-3f9a01c2}. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
