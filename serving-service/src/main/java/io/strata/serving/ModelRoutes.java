package io.strata.serving;

import io.strata.events.ModelEvent;
import io.strata.events.ModelEventKind;
import io.strata.events.ModelStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which model versions exist and in which stage, per tenant and model name, folded from the {@code models} topic
 * (VERSION_PUBLISHED and STAGE_CHANGED). A call names a model and a stage, or a version; it resolves only among the
 * caller's tenant's models, so another tenant's model of the same name is not found.
 */
final class ModelRoutes {

  /** A published version: what to load and how it is called. */
  record Version(String tenantId, String modelName, int version, String artifactUri, String artifactSha256,
      String framework, List<String> classes, ModelStage stage) {

    Version withStage(ModelStage newStage) {
      return new Version(tenantId, modelName, version, artifactUri, artifactSha256, framework, classes, newStage);
    }

    String key() {
      return tenantId + "/" + modelName + "/" + version;
    }
  }

  /** What a call asks for: the version in {@code stage}, or exactly {@code version}. */
  record Route(ModelStage stage, Integer version) {

    static Route of(String stage, String version) {
      if (version != null && stage != null) {
        throw new ApiException(400, "INVALID_ROUTE", "Give either stage or version, not both");
      }
      if (version != null) {
        try {
          int number = Integer.parseInt(version);
          if (number < 1) {
            throw new NumberFormatException();
          }
          return new Route(null, number);
        } catch (NumberFormatException e) {
          throw new ApiException(400, "INVALID_ROUTE", "version must be a positive whole number, got '" + version
              + "'");
        }
      }
      if (stage == null || stage.equalsIgnoreCase("PRODUCTION")) {
        return new Route(ModelStage.PRODUCTION, null);
      }
      if (stage.equalsIgnoreCase("STAGING")) {
        return new Route(ModelStage.STAGING, null);
      }
      throw new ApiException(400, "INVALID_ROUTE", "stage must be PRODUCTION or STAGING, got '" + stage + "'");
    }

    String describe() {
      return version != null ? "version " + version : "stage " + stage;
    }
  }

  private final Map<String, TreeMap<Integer, Version>> models = new ConcurrentHashMap<>();

  /** Applies one event of the {@code models} topic. */
  void apply(ModelEvent event) {
    String key = event.getTenantId() + "\u0000" + event.getModelName();
    if (event.getKind() == ModelEventKind.VERSION_PUBLISHED && event.getPublished() != null) {
      var published = event.getPublished();
      models.compute(key, (k, versions) -> {
        var next = versions == null ? new TreeMap<Integer, Version>() : new TreeMap<>(versions);
        ModelStage stage = next.containsKey(event.getVersion()) ? next.get(event.getVersion()).stage() : ModelStage.NONE;
        next.put(event.getVersion(), new Version(event.getTenantId(), event.getModelName(), event.getVersion(),
            published.getArtifactUri(), published.getArtifactSha256(), published.getFramework(),
            List.copyOf(published.getClasses()), stage));
        return next;
      });
    } else if (event.getKind() == ModelEventKind.STAGE_CHANGED && event.getStageChange() != null) {
      models.computeIfPresent(key, (k, versions) -> {
        Version version = versions.get(event.getVersion());
        if (version == null) {
          return versions;
        }
        var next = new TreeMap<>(versions);
        next.put(event.getVersion(), version.withStage(event.getStageChange().getTo()));
        return next;
      });
    }
  }

  /**
   * The version {@code route} names, within {@code tenantId}'s models.
   *
   * @throws ApiException 404 {@code MODEL_NOT_FOUND}, {@code VERSION_NOT_FOUND} or {@code NO_VERSION_IN_STAGE}
   */
  Version resolve(String tenantId, String modelName, Route route) {
    TreeMap<Integer, Version> versions = models.get(tenantId + "\u0000" + modelName);
    if (versions == null) {
      throw new ApiException(404, "MODEL_NOT_FOUND", "Your tenant has no model '" + modelName + "'; GET /v1/models "
          + "lists the models you can call");
    }
    if (route.version() != null) {
      return Optional.ofNullable(versions.get(route.version())).orElseThrow(() -> new ApiException(404,
          "VERSION_NOT_FOUND", "Model '" + modelName + "' has no version " + route.version() + "; its versions are "
              + versions.keySet()));
    }
    return versions.descendingMap().values().stream().filter(v -> v.stage() == route.stage()).findFirst()
        .orElseThrow(() -> new ApiException(404, "NO_VERSION_IN_STAGE", "Model '" + modelName + "' has no version in "
            + route.stage() + "; promote one with POST /v1/models/" + modelName + "/versions/{version}/stage on the "
            + "registry, or call a fixed ?version=N"));
  }

  /** The tenant's models, each with its versions in PRODUCTION and STAGING (the ones a stage route reaches). */
  List<Map<String, Object>> describe(String tenantId) {
    var out = new ArrayList<Map<String, Object>>();
    String prefix = tenantId + "\u0000";
    models.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).sorted(Map.Entry.comparingByKey())
        .forEach(e -> {
          var versions = e.getValue();
          var model = new java.util.LinkedHashMap<String, Object>();
          model.put("name", e.getKey().substring(prefix.length()));
          model.put("latestVersion", versions.lastKey());
          for (ModelStage stage : List.of(ModelStage.PRODUCTION, ModelStage.STAGING)) {
            versions.descendingMap().values().stream().filter(v -> v.stage() == stage).findFirst()
                .ifPresent(v -> model.put(stage.name().toLowerCase(java.util.Locale.ROOT), v.version()));
          }
          out.add(model);
        });
    return out;
  }
}
