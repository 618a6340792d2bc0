package io.strata.streams.training;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * The trigger's deterministic ids: a version request id names the policy, the dataset and the request's number,
 * so a cut that answers it says which policy asked; a job id derives from dataset, version and policy only, so
 * the same version and policy can never get two different jobs.
 */
public final class TriggerIds {

  /** Every request id the trigger makes starts with this. */
  public static final String REQUEST_PREFIX = "trigger:";

  private TriggerIds() {
  }

  /** {@code trigger:<policy>:<datasetId>:<number>}. */
  public static String requestId(String policy, String datasetId, int number) {
    return REQUEST_PREFIX + policy + ":" + datasetId + ":" + number;
  }

  /** The training job id of {@code datasetId} version {@code version} under {@code policy}. */
  public static String jobId(String datasetId, int version, String policy) {
    return nameUuid("training-job", datasetId, Integer.toString(version), policy);
  }

  /**
   * A request id the trigger made for {@code datasetId}, read back: the policy and the request's number; empty
   * for any other request id (manual requests, other datasets').
   */
  public static Optional<Request> parse(String requestId, String datasetId) {
    if (requestId == null || !requestId.startsWith(REQUEST_PREFIX)) {
      return Optional.empty();
    }
    for (String policy : new String[] {Policy.NEW_LABELS, Policy.DRIFT}) {
      String prefix = REQUEST_PREFIX + policy + ":" + datasetId + ":";
      if (requestId.startsWith(prefix)) {
        try {
          int number = Integer.parseInt(requestId.substring(prefix.length()));
          return number > 0 ? Optional.of(new Request(policy, number)) : Optional.empty();
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** A name-based (type 3) UUID of the parts: equal inputs, equal ids. */
  static String nameUuid(String... parts) {
    return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** A request id the trigger made: which policy and which of its requests. */
  public record Request(String policy, int number) {
  }
}
