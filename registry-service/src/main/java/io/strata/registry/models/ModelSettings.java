package io.strata.registry.models;

import io.micronaut.core.value.PropertyResolver;
import io.strata.schemas.topics.Topics;
import java.util.Optional;

/**
 * Settings of the model registry, validated at startup.
 *
 * @param modelsTopic {@value #MODELS_TOPIC}, default the catalog's {@code models}
 * @param jobsTopic {@value #JOBS_TOPIC}, default the catalog's {@code training-jobs}
 * @param blobStore {@value #BLOB_STORE}: a directory, {@code file:} or {@code s3://} URI; without it publishing and
 *     downloading answer 503
 * @param autoPublish {@value #AUTO_PUBLISH} (default true): publish each succeeded job that names its model
 */
record ModelSettings(String modelsTopic, String jobsTopic, Optional<String> blobStore, boolean autoPublish) {

  static final String MODELS_TOPIC = "strata.models.topic";
  static final String JOBS_TOPIC = "strata.training-jobs.topic";
  static final String BLOB_STORE = "strata.blob-store";
  static final String AUTO_PUBLISH = "strata.models.auto-publish";

  static ModelSettings from(PropertyResolver properties) {
    String auto = properties.get(AUTO_PUBLISH, String.class).orElse("true").strip();
    if (!auto.equals("true") && !auto.equals("false")) {
      throw new IllegalArgumentException("Invalid " + AUTO_PUBLISH + " '" + auto + "': expected true or false");
    }
    return new ModelSettings(properties.get(MODELS_TOPIC, String.class).orElse(Topics.MODELS.name()),
        properties.get(JOBS_TOPIC, String.class).orElse(Topics.TRAINING_JOBS.name()),
        properties.get(BLOB_STORE, String.class).filter(s -> !s.isBlank()).map(String::strip),
        Boolean.parseBoolean(auto));
  }
}
