package io.strata.trainer.builtin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@link TrainMain}: {@code --name=value} pairs. The launcher options are required (except the
 * last two); every other name is a {@link Hyperparameters hyperparameter}.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl schema registry URL(s)
 * @param blobStore blob store location ({@code io.strata.blobstore.BlobStores#open})
 * @param workDir a directory of this job's own (scratch files; DJL's cache unless {@code DJL_CACHE_DIR} is set)
 * @param tenant the tenant whose dataset this is; items of another tenant are refused
 * @param dataset the dataset id
 * @param version the dataset version
 * @param items how many distinct samples the version has (the trainer waits for all of them)
 * @param job the training job id (recorded in model.json)
 * @param itemsTimeout how long to wait for the items ({@code --items-timeout-seconds}, default 120)
 * @param itemsTopic the topic to read them from ({@code --items-topic}, default {@code dataset-version-items})
 * @param hyperparameters the rest
 */
public record TrainOptions(String bootstrapServers, String schemaRegistryUrl, String blobStore, Path workDir,
    String tenant, String dataset, int version, int items, String job, Duration itemsTimeout, String itemsTopic,
    Hyperparameters hyperparameters) {

  /** Options every launch must give. */
  public static final List<String> REQUIRED = List.of("bootstrap-servers", "schema-registry-url", "blob-store",
      "work-dir", "tenant", "dataset", "version", "items", "job");
  private static final List<String> OPTIONAL = List.of("items-timeout-seconds", "items-topic");

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException with a message naming the option and what is accepted
   */
  public static TrainOptions parse(String[] args, String defaultItemsTopic) {
    Map<String, String> launch = new LinkedHashMap<>();
    Map<String, String> hyper = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 3) {
        throw new IllegalArgumentException("Unexpected argument '" + arg + "': every option is --name=value");
      }
      String name = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      var target = REQUIRED.contains(name) || OPTIONAL.contains(name) ? launch : hyper;
      if (target.put(name, value) != null) {
        throw new IllegalArgumentException("Option --" + name + " is given twice");
      }
    }
    for (String name : REQUIRED) {
      if (launch.getOrDefault(name, "").isBlank()) {
        throw new IllegalArgumentException("Missing option --" + name + "=<value>; the trainer needs "
            + String.join(", ", REQUIRED.stream().map(n -> "--" + n).toList()));
      }
    }
    Hyperparameters hyperparameters = Hyperparameters.of(hyper);
    int items = whole(launch, "items", 1, Integer.MAX_VALUE);
    return new TrainOptions(launch.get("bootstrap-servers"), launch.get("schema-registry-url"),
        launch.get("blob-store"), Path.of(launch.get("work-dir")), launch.get("tenant"), launch.get("dataset"),
        whole(launch, "version", 0, Integer.MAX_VALUE), items, launch.get("job"),
        Duration.ofSeconds(launch.containsKey("items-timeout-seconds")
            ? whole(launch, "items-timeout-seconds", 1, 86_400) : 120),
        launch.getOrDefault("items-topic", defaultItemsTopic), hyperparameters);
  }

  /** The record key of this version's items: {@code dataset/version}. */
  public String itemsKey() {
    return dataset + "/" + version;
  }

  private static int whole(Map<String, String> options, String name, int min, int max) {
    String text = options.get(name);
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("Option --" + name + " must be a whole number in " + min + ".." + max + ", got '" + text
        + "'");
  }
}
