package io.strata.trainer.builtin;

import io.strata.blobstore.BlobStore;
import io.strata.blobstore.BlobStores;
import io.strata.events.DatasetVersionItem;
import io.strata.schemas.registry.CachingSchemaRegistryClient;
import io.strata.schemas.registry.RegistryClientConfig;
import io.strata.schemas.topics.Topics;
import io.strata.trainer.builtin.items.VersionItemReader;
import io.strata.trainer.builtin.training.DjlEnvironment;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the built-in trainer process:
 * {@code java -cp <jar>:<classpath.txt> io.strata.trainer.builtin.TrainMain --bootstrap-servers=... 
 * --schema-registry-url=... --blob-store=... --work-dir=... --tenant=... --dataset=... --version=N --items=N
 * --job=... [--items-timeout-seconds=120] [--items-topic=dataset-version-items] [--<hyperparameter>=<value>...]}
 * (hyperparameters: {@link Hyperparameters}). Exit 0 after {@code strata.outcome}; 2 after {@code strata.error}
 * for a failure the user can fix (bad option, no items, missing blob, single class...); 1 for an unexpected one.
 */
public final class TrainMain {

  private TrainMain() {}

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "io/strata/trainer/builtin/trainer-logback.xml");
    }
    System.exit(run(args, System.out));
  }

  /** Runs one job, writing the protocol to {@code out}; returns the exit status. */
  static int run(String[] args, PrintStream out) {
    ProtocolWriter protocol = new ProtocolWriter(out);
    Logger log = LoggerFactory.getLogger(TrainMain.class);
    TrainOptions options;
    try {
      options = TrainOptions.parse(args, Topics.DATASET_VERSION_ITEMS.name());
    } catch (IllegalArgumentException e) {
      protocol.error(e.getMessage());
      return 2;
    }
    try {
      Files.createDirectories(options.workDir());
      var cache = DjlEnvironment.prepare(options.workDir().resolve("djl-cache"));
      log.info("Built-in trainer starting job={} dataset={} version={} items={} hyperparameters={} djlCache={}",
          options.job(), options.dataset(), options.version(), options.items(), options.hyperparameters(), cache);
      List<DatasetVersionItem> items;
      try (var registry = new CachingSchemaRegistryClient(RegistryClientConfig.of(options.schemaRegistryUrl()));
          var serde = Topics.DATASET_VERSION_ITEMS.valueSerde(registry)) {
        items = new VersionItemReader(options.bootstrapServers(), options.itemsTopic(), serde.deserializer())
            .read(options.itemsKey(), options.tenant(), options.items(), options.itemsTimeout());
      }
      BlobStore blobs = BlobStores.open(options.blobStore(), options.workDir().resolve("spool"));
      new TrainingRun(options, blobs, protocol).run(items);
      return 0;
    } catch (TrainingFailure e) {
      log.error("Training failed job={}: {}", options.job(), e.getMessage(), e.getCause());
      protocol.error(e.getMessage());
      return 2;
    } catch (Exception | LinkageError e) {
      log.error("Training failed unexpectedly job={}", options.job(), e);
      protocol.error("Unexpected failure of the built-in trainer: " + e + " (see the job's log)");
      return 1;
    }
  }
}
