package io.strata.registry.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model registry as its controller sees it: {@link Models}, absent while the control plane is disabled (the
 * caller check answers 503 before it is needed), and the clients it owns.
 */
public final class ModelsFeature implements AutoCloseable {

  private final Optional<Models> models;
  private final List<AutoCloseable> resources;

  ModelsFeature(Optional<Models> models, List<AutoCloseable> resources) {
    this.models = models;
    this.resources = new ArrayList<>(resources);
  }

  public Models models() {
    return models.orElseThrow();
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }
}
