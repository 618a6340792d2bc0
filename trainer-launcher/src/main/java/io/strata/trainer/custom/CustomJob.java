package io.strata.trainer.custom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.events.TrainerEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One job of a custom trainer, resolved when it is launched.
 *
 * @param jobId the job
 * @param tenantId its tenant
 * @param datasetId the dataset trained on
 * @param datasetVersion its version
 * @param itemCount the version's distinct samples
 * @param trainer the trainer's state when the job was launched
 * @param hyperparameters the trainer's defaults overridden by the request's ({@code scheduler.*} left out)
 */
public record CustomJob(String jobId, String tenantId, String datasetId, int datasetVersion, long itemCount,
    TrainerEvent trainer, Map<String, String> hyperparameters) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public CustomJob {
    hyperparameters = Map.copyOf(hyperparameters);
  }

  /** The defaults of {@code trainer} overridden by {@code requested}, without the scheduler's own. */
  public static Map<String, String> merge(Map<String, String> defaults, Map<String, String> requested) {
    var merged = new TreeMap<String, String>(defaults);
    merged.putAll(requested);
    merged.keySet().removeIf(k -> k.startsWith("scheduler."));
    return merged;
  }

  /** The variables every launcher gives the trainer, wherever it runs. */
  public Map<String, String> commonEnv() {
    var env = new LinkedHashMap<String, String>();
    env.put("STRATA_JOB_ID", jobId);
    env.put("STRATA_TENANT_ID", tenantId);
    env.put("STRATA_DATASET_ID", datasetId);
    env.put("STRATA_DATASET_VERSION", Integer.toString(datasetVersion));
    env.put("STRATA_ITEM_COUNT", Long.toString(itemCount));
    env.put("STRATA_TRAINER", trainer.getName());
    env.put("STRATA_FRAMEWORK", trainer.getFramework().name());
    try {
      env.put("STRATA_HYPERPARAMETERS", JSON.writeValueAsString(new TreeMap<>(hyperparameters)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write hyperparameters as JSON", e);
    }
    return env;
  }
}
