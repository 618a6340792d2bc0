package io.strata.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.events.TrainerBlob;
import io.strata.events.TrainerEvent;
import io.strata.events.TrainerEventKind;
import io.strata.events.TrainerFramework;
import io.strata.events.TrainingRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainerResolverTest {

  private final TrainerCommand builtin = new TrainerCommand("java", Optional.of("/t/trainer.jar"),
      LauncherSettings.DEFAULT_BUILTIN_MAIN, "k:9092", "http://r", "/blobs", Path.of("/w"), Path.of("/d"));
  private final Map<String, TrainerEvent> registered = new HashMap<>();
  private final TrainerResolver local = new TrainerResolver(builtin, this::latest, false);
  private final TrainerResolver kubernetes = new TrainerResolver(builtin, this::latest, true);

  private Optional<TrainerEvent> latest(String tenantId, String name) {
    return Optional.ofNullable(registered.get(tenantId + "/" + name));
  }

  private static TrainerEvent trainer(String tenant, String name, TrainerEventKind kind, String image) {
    return TrainerEvent.newBuilder().setEventId("e").setTenantId(tenant).setOccurredAt(Instant.EPOCH).setProducer("t")
        .setName(name).setKind(kind).setRevision(2).setFramework(TrainerFramework.PYTORCH).setImage(image)
        .setCommand(List.of("sh", "train.sh"))
        .setCode(new TrainerBlob("file:/b/aa", "a".repeat(64), 10L, "zip"))
        .setDefaultHyperparameters(Map.of("epochs", "3", "lr", "0.1")).build();
  }

  private static TrainingRequest request(String trainer) {
    return TrainingRequest.newBuilder().setDatasetId("cats").setDatasetVersion(2).setPolicy("new-labels")
        .setTrainer(trainer).setHyperparameters(Map.of("lr", "0.5", "scheduler.nodes", "1")).build();
  }

  @Test
  void shouldResolveARegisteredTrainerWithItsDefaultsOverriddenByTheRequest() {
    registered.put("acme/resnet", trainer("acme", "resnet", TrainerEventKind.CODE_UPLOADED, null));

    assertThat(local.refusal("acme", request("resnet"))).isEmpty();
    var resolved = local.build("job-1", "acme", request("resnet"), Optional.of(12L));

    assertThat(resolved).isInstanceOfSatisfying(TrainerResolver.Custom.class, c -> {
      assertThat(c.command()).containsExactly("sh", "train.sh");
      assertThat(c.job().hyperparameters()).containsExactlyInAnyOrderEntriesOf(Map.of("epochs", "3", "lr", "0.5"));
      assertThat(c.job().itemCount()).isEqualTo(12L);
      assertThat(c.job().commonEnv()).containsEntry("STRATA_FRAMEWORK", "PYTORCH")
          .containsEntry("STRATA_DATASET_VERSION", "2").containsEntry("STRATA_TENANT_ID", "acme")
          .containsEntry("STRATA_HYPERPARAMETERS", "{\"epochs\":\"3\",\"lr\":\"0.5\"}");
    });
  }

  @Test
  void shouldRefuseAnUnknownAnotherTenantsOrADeletedTrainerWithAClearReason() {
    registered.put("other/resnet", trainer("other", "resnet", TrainerEventKind.REGISTERED, null));
    registered.put("acme/old", trainer("acme", "old", TrainerEventKind.DELETED, null));

    assertThat(local.refusal("acme", request("resnet"))).get().asString()
        .isEqualTo("trainer 'resnet' is not registered in tenant 'acme'; register it with POST /v1/trainers on the "
            + "trainer launcher, or use trainer 'builtin'");
    assertThat(local.build("j", "acme", request("old"), Optional.of(1L)))
        .isEqualTo(new TrainerResolver.Refused("trainer 'old' of tenant 'acme' was deleted; register it again or "
            + "request the job with another trainer"));
  }

  @Test
  void shouldRefuseATrainerWithoutAnImageOnKubernetes() {
    registered.put("acme/resnet", trainer("acme", "resnet", TrainerEventKind.REGISTERED, null));
    registered.put("acme/imaged", trainer("acme", "imaged", TrainerEventKind.REGISTERED, "reg/t:1"));

    assertThat(kubernetes.refusal("acme", request("resnet"))).get().asString().contains("has no image");
    assertThat(kubernetes.refusal("acme", request("imaged"))).isEmpty();
  }

  @Test
  void shouldStillRunTheBuiltinTrainerAndRefuseAnUncutVersion() {
    registered.put("acme/resnet", trainer("acme", "resnet", TrainerEventKind.REGISTERED, null));

    assertThat(local.build("j", "acme", request("builtin"), Optional.of(3L)))
        .isInstanceOf(TrainerResolver.Builtin.class);
    assertThat(local.build("j", "acme", request("resnet"), Optional.empty()))
        .isInstanceOfSatisfying(TrainerResolver.Refused.class, r -> assertThat(r.reason()).contains("cut the version"));
  }
}
