package io.strata.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.events.ModelEvent;
import io.strata.events.ModelEventKind;
import io.strata.events.ModelPublished;
import io.strata.events.ModelStage;
import io.strata.events.ReferenceProfile;
import io.strata.events.StageChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelRoutesTest {

  private final ModelRoutes routes = new ModelRoutes();

  @Test
  void shouldRouteAStageToItsNewestVersionAndAVersionToItself() {
    publish("acme", "shapes", 1);
    publish("acme", "shapes", 2);
    publish("acme", "shapes", 3);
    stage("acme", "shapes", 1, ModelStage.PRODUCTION);
    stage("acme", "shapes", 2, ModelStage.STAGING);

    assertThat(routes.resolve("acme", "shapes", ModelRoutes.Route.of(null, null)).version()).isEqualTo(1);
    assertThat(routes.resolve("acme", "shapes", ModelRoutes.Route.of("staging", null)).version()).isEqualTo(2);
    assertThat(routes.resolve("acme", "shapes", ModelRoutes.Route.of(null, "3")).stage()).isEqualTo(ModelStage.NONE);

    stage("acme", "shapes", 1, ModelStage.ARCHIVED);
    stage("acme", "shapes", 3, ModelStage.PRODUCTION);
    assertThat(routes.resolve("acme", "shapes", ModelRoutes.Route.of("PRODUCTION", null)).version()).isEqualTo(3);
    assertThat(routes.describe("acme")).containsExactly(Map.of("name", "shapes", "latestVersion", 3,
        "production", 3, "staging", 2));
  }

  @Test
  void shouldNotFindAnotherTenantsModel() {
    publish("acme", "shapes", 1);
    stage("acme", "shapes", 1, ModelStage.PRODUCTION);

    assertThatThrownBy(() -> routes.resolve("globex", "shapes", ModelRoutes.Route.of(null, null)))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.code()).isEqualTo("MODEL_NOT_FOUND");
        });
    assertThat(routes.describe("globex")).isEmpty();
  }

  @Test
  void shouldExplainAMissingStageOrVersionAndABadRoute() {
    publish("acme", "shapes", 1);

    assertThatThrownBy(() -> routes.resolve("acme", "shapes", ModelRoutes.Route.of(null, null)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("NO_VERSION_IN_STAGE"))
        .hasMessageContaining("promote one");
    assertThatThrownBy(() -> routes.resolve("acme", "shapes", ModelRoutes.Route.of(null, "7")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("VERSION_NOT_FOUND"));
    assertThatThrownBy(() -> ModelRoutes.Route.of("CANARY", null))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_ROUTE"));
    assertThatThrownBy(() -> ModelRoutes.Route.of("STAGING", "1")).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> ModelRoutes.Route.of(null, "0")).isInstanceOf(ApiException.class);
  }

  private void publish(String tenant, String model, int version) {
    routes.apply(event(tenant, model, version, ModelEventKind.VERSION_PUBLISHED).setPublished(ModelPublished
        .newBuilder().setJobId("j").setDatasetId("d").setDatasetVersion(1).setArtifactUri("blob:sha256/x")
        .setArtifactSha256("x").setFramework("djl-pytorch-2.7.1").setClasses(List.of("a", "b"))
        .setMetrics(Map.of()).setReferenceProfile(ReferenceProfile.newBuilder().build()).build()).build());
  }

  private void stage(String tenant, String model, int version, ModelStage to) {
    routes.apply(event(tenant, model, version, ModelEventKind.STAGE_CHANGED).setStageChange(StageChange.newBuilder()
        .setFrom(ModelStage.NONE).setTo(to).setReason("test").setChangedBy("test").build()).build());
  }

  private static ModelEvent.Builder event(String tenant, String model, int version, ModelEventKind kind) {
    return ModelEvent.newBuilder().setEventId("e").setTenantId(tenant).setOccurredAt(Instant.EPOCH)
        .setProducer("test").setModelName(model).setVersion(version).setKind(kind);
  }
}
