package io.strata.schemas.registry;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A schema registry call failed: the registry answered with an error (then {@link #status()} and
 * {@link #errorCode()} are the HTTP status and Confluent's {@code error_code}, e.g. 404 / 40403 for an unknown
 * schema id), or no registry could be reached (then {@link #unreachable()} is true and the message names every
 * URL that was tried).
 */
public final class SchemaRegistryException extends RuntimeException {

  /** The {@link #status()} of a call that got no HTTP answer at all. */
  public static final int NO_ANSWER = 0;

  private final int status;
  private final int errorCode;
  private final String subject;
  private final Integer schemaId;

  SchemaRegistryException(String message, int status, int errorCode, String subject, Integer schemaId,
      Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorCode = errorCode;
    this.subject = subject;
    this.schemaId = schemaId;
  }

  static SchemaRegistryException notFound(String message, int errorCode, String subject, Integer schemaId) {
    return new SchemaRegistryException(message, 404, errorCode, subject, schemaId, null);
  }

  /** HTTP status of the registry's answer, or {@link #NO_ANSWER}. */
  public int status() {
    return status;
  }

  /** Confluent's {@code error_code} (e.g. 40401 subject not found, 40403 schema not found), or the status. */
  public int errorCode() {
    return errorCode;
  }

  /** The subject the call was about, when it was about one. */
  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  /** The schema id the call was about, when it was about one. */
  public OptionalInt schemaId() {
    return schemaId == null ? OptionalInt.empty() : OptionalInt.of(schemaId);
  }

  /** True when the subject, version or schema does not exist (HTTP 404). */
  public boolean notFound() {
    return status == 404;
  }

  /** True when no registry answered (connection refused, timeout): the message lists the URLs tried. */
  public boolean unreachable() {
    return status == NO_ANSWER;
  }

  /** True when trying again later may succeed: the registry was unreachable or answered 5xx. */
  public boolean retriable() {
    return status == NO_ANSWER || status >= 500;
  }
}
