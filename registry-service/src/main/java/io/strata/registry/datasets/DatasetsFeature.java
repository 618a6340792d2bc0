package io.strata.registry.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The datasets API as its controller sees it: {@link Datasets}, absent while the control plane is disabled (the
 * caller check answers 503 before it is needed), and the clients it owns.
 */
public final class DatasetsFeature implements AutoCloseable {

  private final Optional<Datasets> datasets;
  private final List<AutoCloseable> resources;

  DatasetsFeature(Optional<Datasets> datasets, List<AutoCloseable> resources) {
    this.datasets = datasets;
    this.resources = new ArrayList<>(resources);
  }

  public Datasets datasets() {
    return datasets.orElseThrow();
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }
}
