package io.strata.trainer.builtin.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.strata.trainer.builtin.Hyperparameters;
import io.strata.trainer.builtin.profile.ReferenceProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code model.json}, format {@code strata-model/1}:
 * {@code {"format","framework","architecture","imageSize","classes","metrics","datasetId","datasetVersion","jobId",
 * "parameters","referenceProfile","input","device","hyperparameters"}}. {@code input} says how serving must
 * prepare an image (RGB, channel-first, bilinear resize to {@code imageSize} squared, bytes / 255, standardised per image:
 * {@link io.strata.trainer.builtin.images.PixelTensor}); metrics that are
 * not finite numbers are left out.
 *
 * @param architecture the network ({@link io.strata.trainer.builtin.training.ClassifierNetworks})
 * @param classes class names; output {@code i} of the network scores {@code classes[i]}
 * @param metrics e.g. {@code test_accuracy}, {@code val_accuracy}, {@code loss}
 * @param datasetId the dataset trained on
 * @param datasetVersion its version
 * @param jobId the training job
 * @param parametersEntry the zip entry holding the parameters
 * @param referenceProfile the training data's profile
 * @param device where it was trained, e.g. {@code cpu()}
 * @param hyperparameters what it was trained with
 */
public record ModelDescription(String architecture, List<String> classes, Map<String, Double> metrics,
    String datasetId, int datasetVersion, String jobId, String parametersEntry, ReferenceProfile referenceProfile,
    String device, Hyperparameters hyperparameters) {

  /** The value of {@code format}. */
  public static final String FORMAT = "strata-model/1";
  /** The value of {@code framework}: DJL on PyTorch 2.7.1. */
  public static final String FRAMEWORK = "djl-pytorch-2.7.1";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ModelDescription {
    classes = List.copyOf(classes);
    metrics = new LinkedHashMap<>(metrics);
  }

  /** The JSON tree, fields in the documented order. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    json.put("framework", FRAMEWORK);
    json.put("architecture", architecture);
    json.put("imageSize", hyperparameters.imageSize());
    json.put("classes", classes);
    Map<String, Double> finite = new LinkedHashMap<>();
    metrics.forEach((name, value) -> {
      if (value != null && Double.isFinite(value)) {
        finite.put(name, value);
      }
    });
    json.put("metrics", finite);
    json.put("datasetId", datasetId);
    json.put("datasetVersion", datasetVersion);
    json.put("jobId", jobId);
    json.put("parameters", parametersEntry);
    json.put("referenceProfile", referenceProfile.toJson());
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("layout", "NCHW");
    input.put("channels", "RGB");
    input.put("resize", "bilinear, to imageSize x imageSize, aspect ratio not kept");
    input.put("scale", "byte / 255");
    input.put("normalize", "per image: subtract the mean and divide by the standard deviation of all its values");
    json.put("input", input);
    json.put("device", device);
    json.put("hyperparameters", hyperparameters.toJson());
    return json;
  }

  /** {@link #toJson()} as indented UTF-8 JSON text. */
  public String toJsonText() {
    try {
      return JSON.writeValueAsString(toJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write model.json", e);
    }
  }
}
