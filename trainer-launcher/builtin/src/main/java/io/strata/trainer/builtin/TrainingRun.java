package io.strata.trainer.builtin;

import io.strata.blobstore.BlobNotFoundException;
import io.strata.blobstore.BlobRef;
import io.strata.blobstore.BlobStore;
import io.strata.events.DatasetVersionItem;
import io.strata.events.Split;
import io.strata.trainer.builtin.artifact.ModelArtifact;
import io.strata.trainer.builtin.artifact.ModelDescription;
import io.strata.trainer.builtin.images.BlobUris;
import io.strata.trainer.builtin.images.DecodedImage;
import io.strata.trainer.builtin.profile.ReferenceProfiles;
import io.strata.trainer.builtin.training.ClassifierTraining;
import io.strata.trainer.builtin.training.EpochResult;
import io.strata.trainer.builtin.training.LabelledTensors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training job from items to stored artifact: decode the blobs, check there is something to learn, train for
 * the configured epochs reporting each, evaluate on TEST, write and store the artifact, report the outcome.
 */
final class TrainingRun {

  private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

  private final TrainOptions options;
  private final BlobStore blobs;
  private final ProtocolWriter protocol;

  TrainingRun(TrainOptions options, BlobStore blobs, ProtocolWriter protocol) {
    this.options = options;
    this.blobs = blobs;
    this.protocol = protocol;
  }

  void run(List<DatasetVersionItem> items) throws IOException {
    Hyperparameters hyper = options.hyperparameters();
    long decodeStarted = System.nanoTime();
    PreparedData data = prepare(items, hyper.imageSize());
    double decodeSeconds = (System.nanoTime() - decodeStarted) / 1e9;
    List<String> classes = data.classes();
    int trainCount = data.split(Split.TRAIN).size();
    if (trainCount == 0) {
      throw new TrainingFailure("Dataset version '" + options.itemsKey() + "' has no usable TRAIN images ("
          + items.size() + " items: " + data.undecodable() + " undecodable, " + data.unlabelled() + " unlabelled, "
          + data.unknownSplit() + " with split UNKNOWN): label and upload images, then cut a new version");
    }
    if (classes.size() < 2) {
      throw new TrainingFailure("Cannot train a classifier: the TRAIN split of dataset version '"
          + options.itemsKey() + "' has a single class '" + classes.get(0) + "'; label samples of at least one "
          + "other class and cut a new version");
    }
    LabelledTensors train = data.tensors(Split.TRAIN, classes, hyper.imageSize());
    LabelledTensors validation = data.tensors(Split.VALIDATION, classes, hyper.imageSize());
    LabelledTensors test = data.tensors(Split.TEST, classes, hyper.imageSize());
    log.info("Training dataset={} version={} job={} classes={} train={} validation={} test={} undecodable={}",
        options.dataset(), options.version(), options.job(), classes, train.count(), validation.count(),
        test.count(), data.undecodable());

    Map<String, Double> metrics = new LinkedHashMap<>();
    Path parameters;
    String device;
    boolean gpu;
    try (ClassifierTraining training = ClassifierTraining.start(hyper, classes.size())) {
      device = training.device().toString();
      gpu = training.onGpu();
      EpochResult last = null;
      double imagesPerSecondSum = 0;
      long trainStarted = System.nanoTime();
      for (int epoch = 1; epoch <= hyper.epochs(); epoch++) {
        last = training.epoch(epoch, train, validation);
        imagesPerSecondSum += last.imagesPerSecond();
        protocol.progress(last, gpu);
      }
      double trainSeconds = (System.nanoTime() - trainStarted) / 1e9;
      double testAccuracy = training.accuracy(test);
      metrics.put("test_accuracy", testAccuracy);
      metrics.put("val_accuracy", last.validationAccuracy());
      metrics.put("accuracy", last.accuracy());
      metrics.put("loss", last.loss());
      metrics.put("images_per_s", imagesPerSecondSum / hyper.epochs());
      metrics.put("train_seconds", trainSeconds);
      metrics.put("decode_seconds", decodeSeconds);
      metrics.put("train_images", (double) train.count());
      metrics.put("validation_images", (double) validation.count());
      metrics.put("test_images", (double) test.count());
      metrics.put("undecodable", (double) data.undecodable());
      metrics.put("unlabelled", (double) data.unlabelled());
      metrics.put("classes", (double) classes.size());
      metrics.put("gpu", gpu ? 1.0 : 0.0);
      parameters = training.saveParameters(options.workDir().resolve("model"));
    }
    var description = new ModelDescription(hyper.architecture(), classes, metrics, options.dataset(),
        options.version(), options.job(), parameters.getFileName().toString(),
        ReferenceProfiles.build(data.trainFeatures(),
            data.split(Split.TRAIN).stream().map(PreparedData.Example::classLabel).toList()),
        device, hyper);
    Path zip = ModelArtifact.write(options.workDir().resolve("artifact.zip"), description, parameters);
    BlobRef stored;
    try (InputStream in = Files.newInputStream(zip)) {
      stored = blobs.put(in, Long.MAX_VALUE);
    }
    log.info("Stored model artifact job={} uri={} sha256={} bytes={}", options.job(), stored.uri(), stored.sha256(),
        stored.sizeBytes());
    protocol.outcome(stored.uri().toString(), stored.sha256(), metrics);
  }

  private PreparedData prepare(List<DatasetVersionItem> items, int size) throws IOException {
    PreparedData data = new PreparedData();
    for (DatasetVersionItem item : items) {
      Optional<String> classLabel = PreparedData.classOf(item);
      if (classLabel.isEmpty()) {
        data.countUnlabelled();
        continue;
      }
      if (item.getSplit() == Split.UNKNOWN) {
        data.countUnknownSplit();
        continue;
      }
      String sha256 = BlobUris.sha256(item.getBlobUri(), item.getSampleId());
      Optional<DecodedImage> image;
      try (InputStream in = blobs.open(sha256)) {
        image = DecodedImage.decode(in, size);
      } catch (BlobNotFoundException e) {
        throw new TrainingFailure("The blob of sample '" + item.getSampleId() + "' (" + item.getBlobUri()
            + ") is missing from the blob store " + options.blobStore()
            + ": the trainer must use the blob store the samples were uploaded to (--blob-store)", e);
      }
      if (image.isEmpty()) {
        log.warn("Skipping undecodable image sampleId={} blobUri={}", item.getSampleId(), item.getBlobUri());
        data.countUndecodable();
        continue;
      }
      data.add(new PreparedData.Example(item.getSampleId(), classLabel.get(), item.getSplit(), image.get()));
    }
    return data;
  }
}
