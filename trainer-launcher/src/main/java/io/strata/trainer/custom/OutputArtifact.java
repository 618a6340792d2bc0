package io.strata.trainer.custom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.strata.blobstore.BlobRef;
import io.strata.blobstore.BlobStore;
import io.strata.events.TrainerEvent;
import io.strata.events.TrainingOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packages a custom trainer's {@code STRATA_OUTPUT_DIR} into a {@code strata-model/1} artifact zip the model
 * registry publishes: {@code model.json} first, then every file of the output directory under its relative path.
 * The trainer may write {@code metrics.json} (an object of numbers), {@code classes.json} (an array of class names;
 * default: the TRAIN split's classes) and {@code reference-profile.json} (the registry's reference profile shape);
 * without a profile, {@code model.json} says so and drift monitoring of the model has no reference.
 */
public final class OutputArtifact {

  /** The description entry; a trainer must not write a file of that name. */
  public static final String MODEL_JSON = "model.json";
  /** Largest artifact stored: 32 GiB. */
  public static final long MAX_ARTIFACT_BYTES = 32L << 30;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final FileTime FIXED_TIME = FileTime.fromMillis(315_532_800_000L);

  private OutputArtifact() {}

  /** The output is not what the contract asks for; the job fails with this message. */
  public static final class InvalidOutputException extends Exception {
    InvalidOutputException(String message) {
      super(message);
    }
  }

  /**
   * Writes the artifact of {@code job} from {@code outputDir} to {@code zipFile}, stores it in {@code blobs} and
   * returns the outcome to record on SUCCEEDED (metrics from {@code metrics.json}).
   */
  public static TrainingOutcome store(CustomJob job, List<String> trainClasses, Path outputDir, Path zipFile,
      BlobStore blobs) throws IOException, InvalidOutputException {
    var files = files(outputDir);
    Map<String, Double> metrics = metrics(outputDir.resolve("metrics.json"));
    List<String> classes = classes(outputDir.resolve("classes.json"), trainClasses);
    JsonNode profile = optionalJson(outputDir.resolve("reference-profile.json"));
    if (profile != null && !profile.isObject()) {
      throw new InvalidOutputException("reference-profile.json must be a JSON object {\"features\":[...],"
          + "\"classDistribution\":{...}}");
    }
    var model = description(job, classes, metrics, profile, files);
    try (OutputStream out = Files.newOutputStream(zipFile); var zip = new ZipOutputStream(out)) {
      zip.putNextEntry(entry(MODEL_JSON));
      zip.write(JSON.writeValueAsBytes(model));
      zip.closeEntry();
      for (String name : files) {
        zip.putNextEntry(entry(name));
        Files.copy(outputDir.resolve(name), zip);
        zip.closeEntry();
      }
    }
    BlobRef ref;
    try (InputStream in = Files.newInputStream(zipFile)) {
      ref = blobs.put(in, MAX_ARTIFACT_BYTES);
    }
    return new TrainingOutcome(ref.uri().toString(), ref.sha256(), metrics);
  }

  /** The {@code model.json} content. */
  static Map<String, Object> description(CustomJob job, List<String> classes, Map<String, Double> metrics,
      JsonNode profile, List<String> files) {
    TrainerEvent trainer = job.trainer();
    var json = new LinkedHashMap<String, Object>();
    json.put("format", "strata-model/1");
    json.put("framework", trainer.getFramework().name().toLowerCase(java.util.Locale.ROOT));
    json.put("architecture", "custom:" + trainer.getName());
    json.put("classes", classes);
    json.put("metrics", metrics);
    json.put("datasetId", job.datasetId());
    json.put("datasetVersion", job.datasetVersion());
    json.put("jobId", job.jobId());
    json.put("parameters", null);
    json.put("files", files);
    json.put("referenceProfile", profile);
    if (profile == null) {
      json.put("referenceProfileMissing", "the custom trainer wrote no reference-profile.json; the model has no "
          + "reference profile, so drift reports cannot compare against its training data");
    }
    var t = new LinkedHashMap<String, Object>();
    t.put("name", trainer.getName());
    t.put("revision", trainer.getRevision());
    t.put("framework", trainer.getFramework().name());
    t.put("image", trainer.getImage());
    t.put("command", List.copyOf(trainer.getCommand()));
    t.put("codeSha256", trainer.getCode() == null ? null : trainer.getCode().getSha256());
    t.put("baseWeightsSha256", trainer.getBaseWeights() == null ? null : trainer.getBaseWeights().getSha256());
    json.put("trainer", t);
    json.put("hyperparameters", new java.util.TreeMap<>(job.hyperparameters()));
    return json;
  }

  /** The regular files under {@code dir}, relative, sorted; links and a {@code model.json} are refused. */
  static List<String> files(Path dir) throws IOException, InvalidOutputException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidOutputException("STRATA_OUTPUT_DIR " + dir + " is not a directory any more");
    }
    var names = new ArrayList<String>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        if (p.equals(dir) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String name = dir.relativize(p).toString().replace('\\', '/');
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          throw new InvalidOutputException("STRATA_OUTPUT_DIR holds '" + name + "', which is a link or special "
              + "file; write regular files only");
        }
        if (name.equals(MODEL_JSON)) {
          throw new InvalidOutputException("the trainer wrote model.json into STRATA_OUTPUT_DIR; that entry is "
              + "written by the launcher: name the model file otherwise (e.g. model.pt) and put metrics into "
              + "metrics.json");
        }
        names.add(name);
      }
    }
    return names;
  }

  static Map<String, Double> metrics(Path file) throws IOException, InvalidOutputException {
    JsonNode node = optionalJson(file);
    var metrics = new LinkedHashMap<String, Double>();
    if (node == null) {
      return metrics;
    }
    if (!node.isObject()) {
      throw new InvalidOutputException("metrics.json must be a JSON object of names to numbers, e.g. "
          + "{\"val_accuracy\":0.91}");
    }
    for (var it = node.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getValue().isNumber() || !Double.isFinite(e.getValue().asDouble())) {
        throw new InvalidOutputException("metrics.json metric '" + e.getKey() + "' is not a finite number: "
            + e.getValue());
      }
      metrics.put(e.getKey(), e.getValue().asDouble());
    }
    return metrics;
  }

  static List<String> classes(Path file, List<String> fallback) throws IOException, InvalidOutputException {
    JsonNode node = optionalJson(file);
    if (node == null) {
      return fallback;
    }
    if (!node.isArray()) {
      throw new InvalidOutputException("classes.json must be a JSON array of class names");
    }
    var classes = new ArrayList<String>();
    node.forEach(c -> classes.add(c.asText()));
    return classes;
  }

  private static JsonNode optionalJson(Path file) throws IOException, InvalidOutputException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    try {
      return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidOutputException(file.getFileName() + " is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static ZipEntry entry(String name) {
    var entry = new ZipEntry(name);
    entry.setLastModifiedTime(FIXED_TIME);
    entry.setTime(FIXED_TIME.toMillis());
    return entry;
  }
}
