package io.strata.ingest.gateway.upload;

import java.io.IOException;
import java.util.Objects;

/**
 * A refusal raised from inside a stream that a blob store is copying (e.g. the signed body hash did not match
 * at its end), so that the put aborts and keeps nothing.
 */
public final class RefusedException extends IOException {

  private final Refusal refusal;

  public RefusedException(Refusal refusal) {
    super(refusal.message());
    this.refusal = Objects.requireNonNull(refusal, "refusal");
  }

  public Refusal refusal() {
    return refusal;
  }
}
