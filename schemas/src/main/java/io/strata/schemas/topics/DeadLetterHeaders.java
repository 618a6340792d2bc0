package io.strata.schemas.topics;

/**
 * Header names on {@link Topics#DEAD_LETTERS} records. A dead letter keeps the original key and value
 * bytes; these headers say where it came from and why it could not be processed.
 */
public final class DeadLetterHeaders {

  /** Topic the record was read from. */
  public static final String SOURCE_TOPIC = "strata.dlq.topic";
  /** Partition it was read from, as a decimal string. */
  public static final String SOURCE_PARTITION = "strata.dlq.partition";
  /** Offset it was read at, as a decimal string. */
  public static final String SOURCE_OFFSET = "strata.dlq.offset";
  /** Component that gave up on it, e.g. {@code dataset-versioner}. */
  public static final String PROCESSOR = "strata.dlq.processor";
  /** Exception class and message: what was wrong with the record. */
  public static final String REASON = "strata.dlq.reason";

  private DeadLetterHeaders() {}
}
