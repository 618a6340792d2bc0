package io.strata.trainer.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.blobstore.LocalBlobStore;
import io.strata.events.TrainerEvent;
import io.strata.events.TrainerEventKind;
import io.strata.events.TrainerFramework;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputArtifactTest {

  @TempDir
  Path temp;

  private final ObjectMapper json = new ObjectMapper();

  private static CustomJob job() {
    var trainer = TrainerEvent.newBuilder().setEventId("e").setTenantId("acme").setOccurredAt(Instant.EPOCH)
        .setProducer("t").setName("resnet").setKind(TrainerEventKind.CODE_UPLOADED).setRevision(3)
        .setFramework(TrainerFramework.PYTORCH).setCommand(List.of("sh", "train.sh")).build();
    return new CustomJob("job-1", "acme", "cats", 2, 10, trainer, Map.of("epochs", "3"));
  }

  private Map<String, byte[]> entries(LocalBlobStore blobs, String sha) throws Exception {
    var entries = new HashMap<String, byte[]>();
    var order = new ArrayList<String>();
    try (InputStream in = blobs.open(sha); var zip = new ZipInputStream(in)) {
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        order.add(e.getName());
        entries.put(e.getName(), zip.readAllBytes());
      }
    }
    assertThat(order.get(0)).isEqualTo("model.json");
    return entries;
  }

  @Test
  void shouldPackageTheOutputWithAModelJsonNamingTheTrainerAndSayingThereIsNoProfile() throws Exception {
    Path out = Files.createDirectories(temp.resolve("output"));
    Files.writeString(out.resolve("model.pt"), "weights");
    Files.writeString(out.resolve("metrics.json"), "{\"val_accuracy\": 0.75, \"loss\": 0.3}");
    Files.createDirectories(out.resolve("extra"));
    Files.writeString(out.resolve("extra/notes.txt"), "n");
    var blobs = new LocalBlobStore(temp.resolve("blobs"));

    var outcome = OutputArtifact.store(job(), List.of("cat", "dog"), out, temp.resolve("artifact.zip"), blobs);

    assertThat(outcome.getMetrics()).containsExactlyInAnyOrderEntriesOf(Map.of("val_accuracy", 0.75, "loss", 0.3));
    assertThat(outcome.getArtifactUri()).endsWith(outcome.getArtifactSha256());
    var entries = entries(blobs, outcome.getArtifactSha256());
    assertThat(entries).containsKeys("model.pt", "metrics.json", "extra/notes.txt");
    JsonNode model = json.readTree(entries.get("model.json"));
    assertThat(model.get("format").asText()).isEqualTo("strata-model/1");
    assertThat(model.get("framework").asText()).isEqualTo("pytorch");
    assertThat(model.at("/trainer/name").asText()).isEqualTo("resnet");
    assertThat(model.at("/trainer/revision").asInt()).isEqualTo(3);
    assertThat(model.get("classes")).extracting(JsonNode::asText).containsExactly("cat", "dog");
    assertThat(model.at("/metrics/val_accuracy").asDouble()).isEqualTo(0.75);
    assertThat(model.get("jobId").asText()).isEqualTo("job-1");
    assertThat(model.get("referenceProfile").isNull()).isTrue();
    assertThat(model.get("referenceProfileMissing").asText()).contains("no reference-profile.json");
  }

  @Test
  void shouldTakeClassesAndAProfileTheTrainerWrote() throws Exception {
    Path out = Files.createDirectories(temp.resolve("output"));
    Files.writeString(out.resolve("classes.json"), "[\"b\",\"a\"]");
    Files.writeString(out.resolve("reference-profile.json"), "{\"features\":[],\"classDistribution\":{\"a\":1.0}}");
    var blobs = new LocalBlobStore(temp.resolve("blobs"));

    var outcome = OutputArtifact.store(job(), List.of("x"), out, temp.resolve("artifact.zip"), blobs);

    JsonNode model = json.readTree(entries(blobs, outcome.getArtifactSha256()).get("model.json"));
    assertThat(model.get("classes")).extracting(JsonNode::asText).containsExactly("b", "a");
    assertThat(model.at("/referenceProfile/classDistribution/a").asDouble()).isEqualTo(1.0);
    assertThat(model.has("referenceProfileMissing")).isFalse();
  }

  @Test
  void shouldRefuseAModelJsonOfTheTrainerAndMetricsThatAreNotNumbers() throws Exception {
    Path out = Files.createDirectories(temp.resolve("output"));
    var blobs = new LocalBlobStore(temp.resolve("blobs"));
    Files.writeString(out.resolve("metrics.json"), "{\"accuracy\": \"high\"}");
    assertThatThrownBy(() -> OutputArtifact.store(job(), List.of(), out, temp.resolve("a.zip"), blobs))
        .isInstanceOf(OutputArtifact.InvalidOutputException.class).hasMessageContaining("'accuracy'");

    Files.delete(out.resolve("metrics.json"));
    Files.writeString(out.resolve("model.json"), "{}");
    assertThatThrownBy(() -> OutputArtifact.store(job(), List.of(), out, temp.resolve("a.zip"), blobs))
        .isInstanceOf(OutputArtifact.InvalidOutputException.class).hasMessageContaining("model.json");
  }
}
